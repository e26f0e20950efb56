/**
 * `npm run bench`: whole-process timings and peak memory of the pipeline against its floor.
 *
 * For each corpus size, the median of several runs of: (a) plain unified over the same
 * Markdown, (b) one Chromium print of the project's own final print HTML, the HTML-only build
 * and the full build, each cold (no cache) and after an edit (the previous build's cache, one
 * chapter changed), the full build with --case-pdfs, and the time from saving a chapter to the
 * preview page showing it. Peak memory is the largest sum of proportional set sizes (PSS) of the
 * process and all its descendants (Chromium's too), sampled every 100 ms in a run of its own.
 *
 * Builds run the user's command, `node pipeline/bin.js` (the compiled CLI, compiled first when it
 * is not up to date); the floors run with plain Node. `huge` (1,000 cases) is measured once, for
 * the scaling row: seconds per printed page against `large`.
 *
 * Usage: tsx bench/run.ts [small|large|huge|all|sample] [--runs N]
 */
import { benchReview } from './review.js';
import { execFileSync, spawn } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { closeBrowser, launchBrowser } from '../pipeline/render/print/browser.js';
import { preview } from '../pipeline/index.js';
import { parse } from 'yaml';
import { sizes, writeCorpus, type Size } from './corpus.js';
import { compiled } from '../pipeline/compiled.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const project = join(here, '..');
const node = process.execPath;
const bin = join(project, 'pipeline', 'bin.js');
if (!compiled()) execFileSync('npm', ['run', 'compile'], { cwd: project, stdio: 'ignore' });

interface Measure {
  seconds: number;
  peakMiB: number;
}

/**
 * Memory of a process and all its descendants, in KiB: the sum of their proportional set sizes
 * (PSS), so that pages Chromium's processes share are counted once, not once per process.
 */
function treeRss(pid: number): number {
  let total = 0;
  const stack = [pid];
  while (stack.length > 0) {
    const current = stack.pop() as number;
    try {
      const rollup = readFileSync(`/proc/${current}/smaps_rollup`, 'utf8');
      total += Number(/^Pss:\s+(\d+)/m.exec(rollup)?.[1] ?? 0);
      for (const task of readdirSync(`/proc/${current}/task`)) {
        const children = readFileSync(`/proc/${current}/task/${task}/children`, 'utf8').trim();
        if (children) stack.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // The process ended between two reads.
    }
  }
  return total;
}

/**
 * Run a command, timing it, or sampling the memory of its process tree. Not both: reading
 * `smaps_rollup` of Chromium's processes costs enough CPU on two cores to skew the timing.
 */
function measure(command: string, args: string[], memory = false): Promise<Measure> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd: project, stdio: ['ignore', 'ignore', 'pipe'] });
    let peak = 0;
    let stderr = '';
    const timer = setInterval(() => {
      if (memory && child.pid) peak = Math.max(peak, treeRss(child.pid));
    }, 100);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => {
      clearInterval(timer);
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${stderr}`));
      else resolve({ seconds: (performance.now() - started) / 1000, peakMiB: peak / 1024 });
    });
  });
}

/** The `index`-th Markdown file of a folder, by name. */
function markdownFile(folder: string, index: number): string {
  return join(
    folder,
    readdirSync(folder)
      .filter((name) => name.endsWith('.md'))
      .sort()[index] ?? '',
  );
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Median time of `runs` timed runs, and the peak memory of one more run that samples it.
 * `prepare` runs before each, untimed.
 */
async function repeat(
  runs: number,
  task: (memory: boolean) => Promise<Measure>,
  prepare: () => void = () => {},
): Promise<Measure & { runs: number[] }> {
  const results: Measure[] = [];
  for (let run = 0; run < runs; run++) {
    prepare();
    results.push(await task(false));
  }
  prepare();
  const memory = await task(true);
  return {
    seconds: median(results.map((result) => result.seconds)),
    peakMiB: memory.peakMiB,
    runs: results.map((result) => Math.round(result.seconds * 100) / 100),
  };
}

/** Saved chapter → new text in an open preview page, in milliseconds (median of `edits`). */
async function previewLatency(root: string, edits: number): Promise<number> {
  const server = await preview({ root, port: 0 });
  const browser = await launchBrowser();
  const times: number[] = [];
  try {
    // A book in several languages keeps its chapters, and its site, per edition.
    const edition = (parse(readFileSync(join(root, 'whitepaper.yaml'), 'utf8')) as { languages?: string[] })
      .languages?.[0];
    const folder = edition ? join(root, 'chapters', edition) : join(root, 'chapters');
    const chapter = markdownFile(folder, 0);
    const page = await browser.newPage();
    const slug = /^\d+-(.+)\.md$/.exec(chapter.split('/').pop() ?? '')?.[1] ?? '';
    await page.goto(`${server.url}${edition ? `${edition}/` : ''}chapters/${slug}.html`);
    for (let edit = 0; edit < edits; edit++) {
      const marker = `Benchmark edit number ${edit} arrives.`;
      const started = performance.now();
      appendFileSync(chapter, `\n${marker}\n`);
      await page.waitForFunction(
        (text: string) => document.body.textContent?.includes(text),
        { timeout: 30_000, polling: 'mutation' },
        marker,
      );
      times.push(performance.now() - started);
    }
  } finally {
    await closeBrowser(browser);
    await server.close();
  }
  return median(times);
}

const which = process.argv[2] ?? 'all';
if (which === 'review') {
  // `npm run bench review`: the review stage alone (no corpus, no browser).
  process.stdout.write(`${benchReview()}\n`);
  process.exit(0);
}
const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 3;
// `sample` measures only the sample white paper's preview.
const targets = (which === 'all' ? Object.keys(sizes) : which === 'sample' ? [] : [which]) as Size[];
// Start-up: what every command pays before it does anything.
const startup = await repeat(5, () => measure(node, [bin, '--version']));
const results: Record<string, unknown> = {
  date: new Date().toISOString(),
  runs,
  machine: `${process.platform} ${process.arch}, node ${process.version}`,
  startupSeconds: 0,
};
const scaling: { size: Size; pages: number; seconds: number }[] = [];
const rows: string[] = [];
for (const size of targets) {
  const root = join(here, 'corpus', size);
  writeCorpus(root, size);
  const out = join(root, 'output');
  process.stderr.write(`${size}: corpus written; measuring…\n`);
  const build = (memory: boolean, ...flags: string[]) =>
    measure(node, [bin, 'build', '--root', root, '--quiet', ...flags], memory);
  // Cold: no cache (a first build). After an edit: the cache of the previous build, and one
  // chapter changed since, as when an editor rebuilds a draft.
  const cold = () => rmSync(join(out, '.cache'), { recursive: true, force: true });
  const chapter = markdownFile(join(root, 'chapters'), 1);
  let edits = 0;
  const edit = () => appendFileSync(chapter, `\nAn editor's change, number ${++edits}.\n`);
  const pagesOf = () =>
    Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(out, 'bench.pdf')], { encoding: 'utf8' }))?.[1] ?? 0);
  if (size === 'huge') {
    // The scaling row only: one cold full build, its memory sampled in another.
    const huge = await repeat(1, (memory) => build(memory), cold);
    scaling.push({ size, pages: pagesOf(), seconds: huge.seconds });
    results[size] = { pages: pagesOf(), full: huge };
    continue;
  }
  const htmlOnly = await repeat(runs, (memory) => build(memory, '--html-only'), cold);
  const htmlEdit = await repeat(runs, (memory) => build(memory, '--html-only'), edit);
  const full = await repeat(runs, (memory) => build(memory), cold);
  const fullEdit = await repeat(runs, (memory) => build(memory), edit);
  const casePdfs = await repeat(runs, (memory) => build(memory, '--case-pdfs'), edit);
  const floorA = await repeat(runs, (memory) => measure(node, [join(here, 'floor-unified.mjs'), root], memory));
  const floorB = await repeat(runs, (memory) => measure(node, [join(here, 'floor-print.mjs'), out], memory));
  const latency = await previewLatency(root, 5);
  const pages = pagesOf();
  scaling.push({ size, pages, seconds: full.seconds });
  const floor = floorA.seconds + floorB.seconds;
  const entry = {
    pages,
    floorUnified: floorA,
    floorPrint: floorB,
    htmlOnly: { ...htmlOnly, ratio: htmlOnly.seconds / floorA.seconds },
    htmlAfterEdit: { ...htmlEdit, ratio: htmlEdit.seconds / floorA.seconds },
    full: { ...full, ratio: full.seconds / floor },
    fullAfterEdit: { ...fullEdit, ratio: fullEdit.seconds / floor },
    casePdfs: { ...casePdfs, added: casePdfs.seconds - fullEdit.seconds },
    previewMs: latency,
    peakMiB: Math.max(full.peakMiB, fullEdit.peakMiB, casePdfs.peakMiB),
    // The memory target: the floor's own print plus 150 MB.
    peakOverFloorMiB: Math.max(full.peakMiB, fullEdit.peakMiB, casePdfs.peakMiB) - floorB.peakMiB,
  };
  results[size] = entry;
  // Written after each corpus, so that a later failure loses nothing measured.
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
  const f = (value: number) => value.toFixed(1);
  rows.push(
    `| ${size} (${sizes[size].chapters} chapters, ${sizes[size].cases} cases, ${pages} pages) | ${f(floorA.seconds)} s | ${f(floorB.seconds)} s | ${f(htmlOnly.seconds)} s (${entry.htmlOnly.ratio.toFixed(2)} × a) | ${f(htmlEdit.seconds)} s (${entry.htmlAfterEdit.ratio.toFixed(2)} × a) | ${f(full.seconds)} s (${entry.full.ratio.toFixed(2)} × (a + b)) | ${f(fullEdit.seconds)} s (${entry.fullAfterEdit.ratio.toFixed(2)} × (a + b)) | ${entry.casePdfs.added < 0 ? '−' : '+'}${f(Math.abs(entry.casePdfs.added))} s | ${Math.round(latency)} ms | ${Math.round(entry.peakMiB)} MiB (floor b ${Math.round(floorB.peakMiB)} + ${Math.round(entry.peakOverFloorMiB)}) |`,
  );
}
// The preview target is for the sample white paper itself, edited in a copy.
const sample = join(here, 'corpus', 'sample');
rmSync(sample, { recursive: true, force: true });
for (const part of ['whitepaper.yaml', 'references.bib', 'chapters', 'cases', 'images'])
  cpSync(join(project, part), join(sample, part), { recursive: true });
const sampleLatency = await previewLatency(sample, 7);
results['samplePreviewMs'] = sampleLatency;
rows.push(`| sample white paper | | | | | | | | ${Math.round(sampleLatency)} ms | |`);
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
const table = [
  '| corpus | floor a: unified | floor b: one print | HTML-only build, cold | HTML-only, after an edit | full build, cold | full, after an edit | --case-pdfs | preview edit → page | peak memory |',
  '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ...rows,
].join('\n');
results['startupSeconds'] = startup.seconds;
const perPage = scaling
  .filter((entry) => entry.pages > 0)
  .map(
    (entry) =>
      `${entry.size}: ${entry.pages} pages in ${entry.seconds.toFixed(1)} s, ${((entry.seconds / entry.pages) * 1000).toFixed(1)} ms a page`,
  );
results['scaling'] = scaling;
writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
process.stdout.write(
  `${table}\n\nStart-up (\`whitepaper --version\`): ${startup.seconds.toFixed(2)} s\nScaling (full build, cold): ${perPage.join('; ') || 'no corpus printed'}\n\nMedians of ${runs} runs; results in bench/results/latest.json\n`,
);
