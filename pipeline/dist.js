// `npm run compile` (and `prepare`, so `npm ci` leaves a ready CLI): `dist.js begin` notes when
// the compile starts; after `tsc` has written dist/, `dist.js` copies what tsc does not (plain
// JavaScript and data files the modules read beside themselves), then stamps it with that start.
// `bin.js` runs dist/ only while every source is older than the start: a source edited while
// tsc ran is not in dist/, and is run from itself.
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('.', import.meta.url));
const to = fileURLToPath(new URL('../dist/', import.meta.url));
mkdirSync(to, { recursive: true });
if (process.argv[2] === 'begin') {
  writeFileSync(`${to}.begin`, `${Date.now()}\n`);
} else {
  for (const path of ['worker.js', 'preview/client.js', 'citations/locales']) {
    cpSync(`${from}${path}`, `${to}${path}`, { recursive: true });
  }
  const begun = existsSync(`${to}.begin`) ? Number(readFileSync(`${to}.begin`, 'utf8')) : Date.now();
  writeFileSync(`${to}.stamp`, `${begun}\n`);
}
