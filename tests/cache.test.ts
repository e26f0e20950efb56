/**
 * The build's cache (`output/.cache/transforms.json`): a rebuild takes unchanged bodies and
 * citations from it, and never a body whose text, images or bibliography changed.
 *
 * To see which way a rebuild went, the tests change words inside the cache file (and sign it
 * again with the key the builds of this run keep, as a build would): a page that shows the
 * changed words came from the cache, a page that shows the source's came from the source.
 */
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from '@jest/globals';
import { build, type BuildOptions } from '../pipeline/index.js';
import { fixtures, sharedBrowser } from './helpers.js';

let root: string;
let cacheFile: string;
// The key that signs caches is kept here for this file's builds.
const keys = mkdtempSync(join(tmpdir(), 'whitepaper-cache-key-'));
process.env['XDG_CACHE_HOME'] = keys;
afterAll(() => rmSync(keys, { recursive: true, force: true }));

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'whitepaper-cache-'));
  cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
  cacheFile = join(root, 'output', '.cache', 'transforms.json');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

const alpha = () => readFileSync(join(root, 'output', 'site', 'chapters', 'alpha.html'), 'utf8');

async function htmlBuild(options: BuildOptions = {}) {
  const result = await build({ ...sharedBrowser, root, htmlOnly: true, ...options });
  return result.files.flatMap((file) =>
    file.messages.map((message) => `${file.path}:${message.line}:${message.column} ${message.ruleId}`),
  );
}

/** Change words inside the cache file; `sign`: sign it again as a build would. */
function tamper(from: string, to: string, sign = true): void {
  const text = readFileSync(cacheFile, 'utf8');
  expect(text).toContain(from);
  const changed = text.replaceAll(from, to);
  const [head = '', body = ''] = [changed.slice(0, changed.indexOf('\n')), changed.slice(changed.indexOf('\n') + 1)];
  const [magic, version] = head.split(' ');
  const key = readFileSync(join(keys, 'whitepaper', 'cache-key'));
  const signature = createHmac('sha256', key).update(`${version}\n`).update(body).digest('hex');
  writeFileSync(cacheFile, sign ? `${magic} ${version} ${signature}\n${body}` : changed);
}

/** Mark the cached chapter and its citation, so that a page shows where it came from. */
function mark(): void {
  tamper('Closing words of chapter alpha', 'Cached words of chapter alpha');
  tamper('(Smith &#38; Lee, 2020, p. 12)', '(Cached &#38; Lee, 2020, p. 12)');
}

describe('build cache', () => {
  test('a rebuild takes unchanged bodies and citations from the cache, and reports the same', async () => {
    const cold = await htmlBuild();
    expect(existsSync(cacheFile)).toBe(true);
    const page = alpha();
    mark();
    expect(await htmlBuild()).toEqual(cold);
    expect(alpha()).toBe(
      page
        .replace('Closing words of chapter alpha', 'Cached words of chapter alpha')
        .replace('(Smith &#x26; Lee, 2020, p. 12)', '(Cached &#x26; Lee, 2020, p. 12)'),
    );
  });

  test('an edited chapter is transformed again', async () => {
    await htmlBuild();
    mark();
    appendFileSync(join(root, 'chapters', '01-alpha.md'), '\nA paragraph added since.\n');
    await htmlBuild();
    expect(alpha()).toContain('Closing words of chapter alpha');
    expect(alpha()).toContain('A paragraph added since.');
  });

  test('a chapter whose image changed is transformed again', async () => {
    await htmlBuild();
    mark();
    const image = join(root, 'chapters', 'images', 'chart.png');
    utimesSync(image, new Date('2030-01-01'), new Date('2030-01-01'));
    await htmlBuild();
    expect(alpha()).toContain('Closing words of chapter alpha');
  });

  test('a chapter whose chart data changed is transformed again, and draws the new values', async () => {
    writeFileSync(join(root, 'chapters', 'rain.csv'), 'month,rain\nJan,120\n');
    appendFileSync(
      join(root, 'chapters', '01-alpha.md'),
      '\n```chart\ncaption: Rain\nalt: Rain per month.\ndata: rain.csv\nmark: bar\nencoding:\n  x: { field: month, type: nominal }\n  y: { field: rain, type: quantitative }\n```\n',
    );
    expect(await htmlBuild()).toEqual([]);
    mark();
    writeFileSync(join(root, 'chapters', 'rain.csv'), 'month,rain\nJan,120\nFeb,95\n');
    await htmlBuild();
    expect(alpha()).toContain('Closing words of chapter alpha');
    expect(alpha()).toContain('<td>Feb</td><td>95</td>');
  });

  test("the compendium's charts come from the cache while the cases are the same, and are drawn again when they change", async () => {
    await htmlBuild();
    tamper('<desc>Case studies per SDG</desc>', '<desc>Cached chart</desc>');
    const compendium = () => readFileSync(join(root, 'output', 'site', 'cases', 'index.html'), 'utf8');
    await htmlBuild();
    expect(compendium()).toContain('<desc>Cached chart</desc>');
    appendFileSync(join(root, 'cases', 'river-sensors.md'), '\nOne more line.\n');
    await htmlBuild();
    // The same counts draw the same chart: still the cached one.
    expect(compendium()).toContain('<desc>Cached chart</desc>');
    const river = join(root, 'cases', 'river-sensors.md');
    writeFileSync(river, readFileSync(river, 'utf8').replace(/^sdgs: \[[^\]]*\]/m, 'sdgs: [1, 2, 3]'));
    await htmlBuild();
    expect(compendium()).toContain('<desc>Case studies per SDG</desc>');
  });

  test('an image link that now leads out of the project is reported, not taken from the cache', async () => {
    const chapter = join(root, 'chapters', '01-alpha.md');
    writeFileSync(chapter, readFileSync(chapter, 'utf8').replace('(images/chart.png', '(images/linked.png'));
    symlinkSync('chart.png', join(root, 'chapters', 'images', 'linked.png'));
    expect(await htmlBuild()).toEqual([]);
    const outside = mkdtempSync(join(tmpdir(), 'whitepaper-outside-'));
    try {
      cpSync(join(root, 'chapters', 'images', 'chart.png'), join(outside, 'chart.png'), { preserveTimestamps: true });
      rmSync(join(root, 'chapters', 'images', 'linked.png'));
      symlinkSync(join(outside, 'chart.png'), join(root, 'chapters', 'images', 'linked.png'));
      expect(await htmlBuild()).toContain('chapters/01-alpha.md:19:1 image-path');
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  test('after a bibliography change, a rebuild reports and shows what a build without the cache does', async () => {
    await htmlBuild();
    // `@unesco2023` in the text is a citation only while the bibliography has that key.
    const bib = join(root, 'references.bib');
    writeFileSync(bib, readFileSync(bib, 'utf8').replace('@book{unesco2023,', '@book{unesco2024,'));
    const warm = await htmlBuild();
    const page = alpha();
    expect(await htmlBuild({ cacheDir: false })).toEqual(warm);
    expect(page).toBe(alpha());
    expect(page).toContain('as @unesco2023 did');
    writeFileSync(bib, readFileSync(bib, 'utf8').replace('@article{smith2020,', '@article{smith2021,'));
    expect(await htmlBuild()).toContain('chapters/01-alpha.md:10:47 citation-undefined');
  });

  test('a cache written by other code, or --no-cache, is not read', async () => {
    await htmlBuild();
    mark();
    tamper('whitepaper-cache ', 'whitepaper-cache other');
    await htmlBuild();
    expect(alpha()).toContain('Closing words of chapter alpha');
    mark();
    await htmlBuild({ cacheDir: false });
    expect(alpha()).toContain('Closing words of chapter alpha');
    expect(alpha()).toContain('(Smith &#x26; Lee, 2020, p. 12)');
  });

  test('a cache changed by hand (or signed by another user) is ignored with a warning: no script is published', async () => {
    await htmlBuild();
    tamper('Closing words of chapter alpha', '<script>alert(1)</script>Closing words of chapter alpha', false);
    expect(await htmlBuild()).toEqual(['.cache/transforms.json:1:1 cache-integrity']);
    expect(alpha()).toContain('Closing words of chapter alpha');
    expect(alpha()).not.toContain('alert(1)');
    // The build wrote a signed cache again: the next one uses it, silently.
    expect(await htmlBuild()).toEqual([]);
  });
});
