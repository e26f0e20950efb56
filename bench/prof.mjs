/**
 * Where a build's time goes, stage by stage, in one process, running the compiled pipeline.
 * Usage: npm run compile; node bench/prof.mjs <content root> [--html-only] [--case-pdfs] [--no-cache]
 */
import { build } from '../dist/index.js';

const root = process.argv[2] ?? '.';
const started = performance.now();
const result = await build({
  root,
  htmlOnly: process.argv.includes('--html-only'),
  casePdfs: process.argv.includes('--case-pdfs'),
  ...(process.argv.includes('--no-cache') ? { cacheDir: false } : {}),
  onProgress: (stage, ms) => process.stdout.write(`${stage.padEnd(18)} ${Math.round(ms)} ms\n`),
});
process.stdout.write(
  `${'total'.padEnd(18)} ${Math.round(performance.now() - started)} ms, ${result.outputs?.pageCount ?? 0} pages\n`,
);
