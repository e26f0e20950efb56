/**
 * Outputs are a registry: an output registered from outside the list is made with the others,
 * gets what it asks of them, and is kept or discarded with them.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { build, defaultOutputs, type Output } from '../pipeline/index.js';
import { formatReport } from '../pipeline/report.js';
import { fixtures, sharedBrowser } from './helpers.js';

const temp = mkdtempSync(join(tmpdir(), 'whitepaper-outputs-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** An output of a reader's own: a list of the cases with their pages in the book. */
const pages: Output = {
  name: 'case-pages',
  wanted: (_options, books) => books.length > 0,
  async make(job) {
    const printed = await job.result<{ ranges: Map<string, { from: number; to: number }> }>('book');
    const [main] = job.books;
    const lines = (main?.cases ?? []).map((item) => {
      const range = printed?.ranges.get(item.slug);
      return `${item.slug}\t${range ? `${range.from}-${range.to}` : 'not printed'}`;
    });
    mkdirSync(join(job.staging, 'lists'));
    writeFileSync(join(job.staging, 'lists', 'case-pages.tsv'), `${lines.join('\n')}\n`);
    return { written: ['lists'], outputs: { more: { 'case-pages': join(job.out, 'lists', 'case-pages.tsv') } } };
  },
};

describe('an output registered from outside the list', () => {
  test('is made with the others, reads the printed book’s page ranges, and is reported', async () => {
    const root = join(temp, 'book');
    cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
    const out = join(root, 'output');
    const result = await build({ ...sharedBrowser, root, out, cacheDir: false, outputs: [...defaultOutputs, pages] });
    expect(formatReport(result.files)).toBe('');
    const list = join(out, 'lists', 'case-pages.tsv');
    expect(result.outputs?.more).toEqual({ 'case-pages': list, submit: join(out, 'submit') });
    expect(readFileSync(list, 'utf8')).toMatch(
      /^river-sensors\t\d+-\d+\ntokyo-ledger\t\d+-\d+\n$|^tokyo-ledger\t\d+-\d+\nriver-sensors\t\d+-\d+\n$/,
    );
    expect(existsSync(join(out, 'fixture.pdf'))).toBe(true);
  });

  test('without a printed book it still runs (nothing to ask), and a build with content errors does not make it', async () => {
    const root = join(temp, 'html');
    cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
    const out = join(root, 'output');
    await build({ root, out, htmlOnly: true, cacheDir: false, outputs: [...defaultOutputs, pages] });
    expect(readFileSync(join(out, 'lists', 'case-pages.tsv'), 'utf8')).toContain('not printed');
    writeFileSync(join(root, 'chapters', '01-alpha.md'), 'no front matter\n');
    rmSync(join(out, 'lists'), { recursive: true });
    const failed = await build({ root, out, htmlOnly: true, cacheDir: false, outputs: [...defaultOutputs, pages] });
    expect(failed.outputs?.more).toEqual({});
    expect(existsSync(join(out, 'lists'))).toBe(false);
  });

  test('only the listed outputs are made', async () => {
    const root = join(temp, 'site-only');
    cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
    const out = join(root, 'output');
    const site = defaultOutputs.find((output) => output.name === 'site');
    if (!site) throw new Error('no site output');
    const result = await build({ ...sharedBrowser, root, out, cacheDir: false, outputs: [site] });
    expect(result.outputs?.site).toBe(join(out, 'site'));
    expect(result.outputs?.pdf).toBeNull();
    // Neither made nor reported.
    expect(result.outputs?.dashboard).toBeNull();
    expect(existsSync(join(out, 'editors'))).toBe(false);
    expect(existsSync(join(out, 'fixture.pdf'))).toBe(false);
  });
});
