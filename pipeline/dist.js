// `npm run compile` (and `prepare`, so `npm ci` leaves a ready CLI): after `tsc` has written
// dist/, copy what tsc does not (plain JavaScript and data files the modules read beside
// themselves), then stamp it. `bin.js` runs dist/ only while the stamp is newer than every source.
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const from = fileURLToPath(new URL('.', import.meta.url));
const to = fileURLToPath(new URL('../dist/', import.meta.url));
for (const path of ['worker.js', 'preview/client.js', 'citations/locales']) {
  cpSync(`${from}${path}`, `${to}${path}`, { recursive: true });
}
mkdirSync(to, { recursive: true });
writeFileSync(`${to}.stamp`, `${new Date().toISOString()}\n`);
