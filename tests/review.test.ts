/**
 * Reviewers' comments: found again after the text was edited, mapped to the Markdown's line and
 * column, orphaned when their text is gone; read as untrusted JSON; listed by `check`.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFString } from 'pdf-lib';
import { VFile } from 'vfile';
import { build, check } from '../pipeline/index.js';
import { exitStatus, formatReport } from '../pipeline/report.js';
import { anchor, pointsOf, readingText } from '../pipeline/review/anchor.js';
import { readAnnotations, toAnnotation } from '../pipeline/review/annotation.js';
import { formatComments, importComments, listComments, resolveComment } from '../pipeline/reviewing.js';
import { commentOn, fixtures, sharedBrowser, testBrowser } from './helpers.js';
import { pageText, words } from './pdf-tools.js';

const temp = mkdtempSync(join(tmpdir(), 'whitepaper-review-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Where a quote is found: `line:column-line:column` of the source, or `orphaned`. */
function placeOf(source: string, exact: string, prefix = '', suffix = ''): string {
  const found = anchor(source, { type: 'TextQuoteSelector', exact, prefix, suffix });
  if (!found) return 'orphaned';
  const point = pointsOf(source);
  const [start, end] = [point(found.start), point(found.end)];
  return `${start.line}:${start.column}-${end.line}:${end.column}`;
}

const chapter = [
  '---',
  'title: Broadband',
  '---',
  '',
  'Coverage reached *81%* of households in 2024, up from 74% in 2020.',
  '',
  'The figure for Indonesia is from the 2023 survey.',
  '',
].join('\n');

describe('anchoring', () => {
  test('an exact quote, through emphasis, typographic quotes and the line breaks of the page', () => {
    // The page shows "81%" without its asterisks; a selection may span a line break.
    expect(placeOf(chapter, '81% of households')).toBe('5:19-5:37');
    expect(placeOf(chapter, 'households in\n 2024')).toBe('5:27-5:45');
    // The page prints typographic quotes and dashes where the source has plain ones.
    const quoted = chapter.replace('up from', '"up" -- from');
    expect(placeOf(quoted, '“up” – from 74%')).toBe('5:47-5:63');
  });

  test('after an insertion before the quote, it moves with its text', () => {
    const edited = chapter.replace('Coverage reached', 'A new sentence first.\n\nCoverage reached');
    expect(placeOf(edited, '81% of households')).toBe('7:19-7:37');
  });

  test('after a small edit inside the quote, the approximate match finds it', () => {
    const edited = chapter.replace('Indonesia is from', 'Indonesia comes from');
    expect(placeOf(edited, 'The figure for Indonesia is from the 2023 survey')).toBe('7:1-7:52');
  });

  test('a sentence that occurs twice: the prefix and suffix decide', () => {
    const twice = `${chapter}\nIn Viet Nam, the figure for Indonesia is from the 2023 survey, too.\n`;
    expect(placeOf(twice, 'the figure for Indonesia', 'In Viet Nam, ', ' is from the 2023 survey, too')).toBe(
      '9:14-9:38',
    );
    expect(placeOf(twice, 'figure for Indonesia', 'The ', ' is from the 2023 survey.')).toBe('7:5-7:25');
  });

  test('a deleted paragraph orphans its comment', () => {
    const edited = chapter.replace('The figure for Indonesia is from the 2023 survey.\n', '');
    expect(placeOf(edited, 'The figure for Indonesia is from the 2023 survey')).toBe('orphaned');
  });

  test('Chinese text: the page adds spaces between Chinese and Latin; the source has none', () => {
    const zh = '---\ntitle: 宽带\n---\n\n2024年，宽带覆盖了81%的家庭，比2020年的74%有所增长。\n';
    expect(placeOf(zh, '覆盖了 81% 的家庭')).toBe('5:9-5:18');
    expect(placeOf(zh.replace('有所增长', '明显增长'), '比 2020 年的 74% 有所增长')).toBe('5:19-5:33');
  });

  test('any quote cut from a source’s reading text is found exactly, from its first character to its last', () => {
    fc.assert(
      fc.property(
        fc.array(fc.stringMatching(/^[A-Za-z0-9 ,.*_`中文]{1,40}$/), { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.nat(),
        (paragraphs, a, b) => {
          const source = `---\ntitle: T\n---\n\n${paragraphs.join('\n\n')}\n`;
          const reading = readingText(source);
          const visible = reading.text.replace(/\s/g, '');
          if (visible.length === 0) return;
          const start = a % visible.length;
          const quote = visible.slice(start, start + 1 + (b % 20));
          const found = anchor(source, { type: 'TextQuoteSelector', exact: quote, prefix: '', suffix: '' });
          expect(found).toBeDefined();
          expect(found?.errors).toBe(0);
          // It starts at the quote's first character and ends at its last, wherever the markup between.
          expect(source[found?.start ?? -1]).toBe(quote[0]);
          expect(source[(found?.end ?? 0) - 1]).toBe(quote.at(-1));
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** A comment as the site or the preview sends it. */
const comment = (fields: Partial<Record<string, unknown>> = {}): Record<string, unknown> => ({
  id: 'urn:uuid:3f6a2c1e-0000-4000-8000-000000000001',
  created: '2026-12-01T09:30:00Z',
  creator: { name: 'Mei Lin' },
  body: { type: 'TextualBody', value: 'Is this the 2025 figure?', format: 'text/plain' },
  target: {
    source: 'chapters/01-one.md',
    edition: 'en',
    selector: [{ type: 'TextQuoteSelector', exact: 'Body', prefix: '', suffix: '' }],
  },
  status: 'open',
  ...fields,
});

describe('anchoring survives edits around the quote', () => {
  test('a paragraph added or removed anywhere else leaves a quote found at its own sentence', () => {
    const word = fc.stringMatching(/^[a-z]{1,8}$/);
    const paragraph = fc.array(word, { minLength: 1, maxLength: 12 }).map((words) => `${words.join(' ')}.`);
    fc.assert(
      fc.property(
        fc.array(paragraph, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        paragraph,
        fc.nat(),
        fc.boolean(),
        (paragraphs, pick, added, where, remove) => {
          const quoted = pick % paragraphs.length;
          // The quoted sentence is told apart by a word no generated paragraph has.
          const sentence = `Quoted ${paragraphs[quoted] ?? ''}`;
          const before = paragraphs.map((text, index) => (index === quoted ? sentence : text));
          const at = where % (before.length + 1);
          const after = remove
            ? before.filter((_, index) => index !== at || index === quoted)
            : [...before.slice(0, at), added, ...before.slice(at)];
          const source = `---\ntitle: T\n---\n\n${after.join('\n\n')}\n`;
          const found = anchor(source, { type: 'TextQuoteSelector', exact: sentence, prefix: '', suffix: '' });
          expect(found?.start).toBe(source.indexOf(sentence));
          expect(found?.errors).toBe(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('comments as untrusted input', () => {
  test('a comment keeps only its known fields; HTML, paths and oversized fields are refused with the field named', () => {
    const read = toAnnotation({ ...comment(), extra: '<script>', '@context': 'x' });
    expect(Object.keys(read)).not.toContain('extra');
    expect(read['@context']).toBe('http://www.w3.org/ns/anno.jsonld');
    const refused = (fields: Record<string, unknown>) => {
      try {
        toAnnotation(comment(fields));
        return 'accepted';
      } catch (problem) {
        return (problem as Error).message;
      }
    };
    expect(refused({ body: { value: '<b>x</b>', format: 'text/html' } })).toBe(
      'expected `body.format` to be `text/plain`: a comment is plain text',
    );
    expect(refused({ body: 'x'.repeat(4001) })).toBe('expected `body.value` of at most 4000 characters');
    expect(
      refused({ target: { source: '../../etc/passwd.md', selector: [{ type: 'TextQuoteSelector', exact: 'x' }] } }),
    ).toMatch(/^expected `target.source` to be a chapter or case/);
    expect(refused({ id: '../x' })).toBe('expected `id` such as `urn:uuid:…`');
    expect(refused({ status: 'done' })).toBe('expected `status` to be `open` or `resolved`');
    // A body with markup is kept as the text it is.
    expect(toAnnotation(comment({ body: '<img src=x onerror=alert(1)>' })).body.value).toBe(
      '<img src=x onerror=alert(1)>',
    );
  });

  test('every line of a comments file that is not a comment is a located error; the others are read', () => {
    const file = new VFile({
      path: 'review/chapters/01-one.jsonl',
      value: [
        JSON.stringify(comment()),
        '{not json',
        JSON.stringify(comment({ target: { source: 'chapters/02-two.md' } })),
        '',
      ].join('\n'),
    });
    expect(readAnnotations(file).map(({ line }) => line)).toEqual([1]);
    expect(file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual([
      '2:1 review-format',
      '3:1 review-format',
    ]);
  });

  test('generated JSON never throws anything but a located message', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.json(), fc.string()), { maxLength: 5 }), (lines) => {
        const file = new VFile({ path: 'review/chapters/01-one.jsonl', value: lines.join('\n') });
        readAnnotations(file);
        for (const message of file.messages) expect(message.line).toBeGreaterThan(0);
      }),
    );
  });
});

describe('check lists open comments', () => {
  test('an open comment is an info message where its text now stands; a resolved one is not listed; an orphaned one is a warning that --frail ignores', async () => {
    const root = join(temp, 'listed');
    cpSync(join(fixtures, 'check', 'valid'), root, { recursive: true });
    writeFileSync(join(root, 'chapters', '01-one.md'), '---\ntitle: One\n---\n\nA first line.\n\nBody text here.\n');
    mkdirSync(join(root, 'review', 'chapters'), { recursive: true });
    const on = (exact: string, fields: Record<string, unknown> = {}) =>
      JSON.stringify(
        comment({
          target: { source: 'chapters/01-one.md', edition: 'en', selector: [{ type: 'TextQuoteSelector', exact }] },
          ...fields,
        }),
      );
    writeFileSync(
      join(root, 'review', 'chapters', '01-one.jsonl'),
      [
        on('text here', {
          body: 'Say more.\nA second line.',
          replies: [{ id: 'r-0001', created: '2026-12-02T00:00:00Z', creator: { name: 'Ed' }, body: 'Agreed.' }],
        }),
        on('first line', { status: 'resolved', id: 'urn:uuid:3f6a2c1e-0000-4000-8000-000000000002' }),
        on('a paragraph since deleted', { id: 'urn:uuid:3f6a2c1e-0000-4000-8000-000000000003' }),
        '',
      ].join('\n'),
    );
    const result = await check({ root });
    const report = formatReport(result.files, { format: 'compact' });
    expect(report).toContain(
      'chapters/01-one.md:7:6: info Open comment by Mei Lin: Say more. (1 reply) [review-comment]\n',
    );
    expect(report).toContain(
      'review/chapters/01-one.jsonl:3:1: warning Orphaned comment by Mei Lin on “a paragraph since deleted”: its text is no longer in `chapters/01-one.md` [review-orphaned]\n',
    );
    expect(report).not.toContain('first line');
    expect(result.review.comments).toHaveLength(3);
    expect(exitStatus(result.files, true)).toBe(0);
    expect(result.book).toBeDefined();
  });
});

describe('the editor’s commands', () => {
  const root = join(temp, 'commands');
  const exported = (items: unknown[]) => `[\n${items.map((item) => JSON.stringify(item)).join(',\n')}\n]\n`;
  const on = (id: string, exact: string, name = 'Mei Lin') =>
    comment({
      id,
      creator: { name },
      target: { source: 'chapters/01-one.md', edition: 'en', selector: [{ type: 'TextQuoteSelector', exact }] },
    });

  test('import: a malformed comment is a located error and nothing is written; a valid file is merged, replies joined', async () => {
    cpSync(join(fixtures, 'check', 'valid'), root, { recursive: true });
    writeFileSync(join(root, 'chapters', '01-one.md'), '---\ntitle: One\n---\n\nCoverage reached 81% of households.\n');
    const path = join(root, 'export.json');
    writeFileSync(
      path,
      exported([on('c-0001', '81% of households'), { id: 'c-0002', body: 'x' }, on('c-0003', 'x', '')]),
    );
    const refused = await importComments(path, { root });
    expect(refused.file.messages.map((message) => `${message.line}:${message.column} ${message.reason}`)).toEqual([
      '3:1 Unexpected comment 2: expected `target` to be an object',
      '4:1 Unexpected comment 3: expected `creator.name` not to be empty',
    ]);
    expect(existsSync(join(root, 'review'))).toBe(false);
    writeFileSync(path, '{ "comments": [\n{"id": 3}\n] }');
    expect(
      (await importComments(path, { root })).file.messages.map((message) => `${message.line}:${message.column}`),
    ).toEqual(['2:1']);
    writeFileSync(path, '[\n{"id": "c-0001",\n');
    expect((await importComments(path, { root })).file.messages[0]?.ruleId).toBe('review-format');

    writeFileSync(path, exported([on('c-0001', '81% of households'), on('c-0002', 'Coverage', 'Ravi')]));
    expect(await importComments(path, { root })).toMatchObject({ added: 2, updated: 0 });
    const reply = { id: 'r-0001', created: '2026-12-03T00:00:00Z', creator: { name: 'Ravi' }, body: 'It is.' };
    writeFileSync(path, exported([{ ...on('c-0001', '81% of households'), replies: [reply] }]));
    expect(await importComments(path, { root })).toMatchObject({ added: 0, updated: 1 });
    const kept = readFileSync(join(root, 'review', 'chapters', '01-one.jsonl'), 'utf8')
      .trim()
      .split('\n');
    expect(kept).toHaveLength(2);
    expect(JSON.parse(kept[0] ?? '')).toMatchObject({
      id: 'c-0001',
      replies: [{ id: 'r-0001', body: { value: 'It is.', format: 'text/plain' } }],
      target: { selector: [{ exact: '81% of households' }, { type: 'TextPositionSelector' }] },
    });
  });

  test('list, list --by, resolve: a resolved comment leaves check’s report', async () => {
    expect((await listComments({ root })).map(({ annotation }) => annotation.id)).toEqual(['c-0001', 'c-0002']);
    expect((await listComments({ root, by: 'ravi' })).map(({ annotation }) => annotation.id)).toEqual([
      'c-0001',
      'c-0002',
    ]);
    expect((await listComments({ root, by: 'Mei Lin' })).map(({ annotation }) => annotation.id)).toEqual(['c-0001']);
    await resolveComment('c-0002', { root });
    expect((await listComments({ root, open: true })).map(({ annotation }) => annotation.id)).toEqual(['c-0001']);
    const report = formatReport((await check({ root })).files, { format: 'compact' });
    expect(report).toBe(
      'chapters/01-one.md:5:18: info Open comment by Mei Lin: Is this the 2025 figure? (1 reply) [review-comment]\n',
    );
    await expect(resolveComment('c-0009', { root })).rejects.toThrow(
      'Unknown comment `c-0009`; did you mean `c-0001`?',
    );
  });

  test('a name or body with a terminal’s escape sequence is shown as text', async () => {
    const path = join(root, 'escape.json');
    writeFileSync(
      path,
      exported([{ ...on('c-0010', 'Coverage', 'Ed\u001b[31m'), body: 'Red\u001b]0;title\u0007 <script>' }]),
    );
    await importComments(path, { root });
    const listed = formatComments(await listComments({ root, open: true }));
    expect(listed).toContain('Ed\uFFFD[31m');
    expect(listed).toContain('Red\uFFFD]0;title\uFFFD <script>');
    // eslint-disable-next-line no-control-regex
    expect(listed).not.toMatch(/[\u0000-\u0009\u000B-\u001F]/);
  });
});

describe('a --review site', () => {
  test('shows the kept comments as text beside their highlighted quote; a reader selects, comments, reloads, resolves and exports without a request; the export imports to the right line', async () => {
    const root = join(temp, 'site');
    cpSync(join(fixtures, 'check', 'valid'), root, { recursive: true });
    writeFileSync(
      join(root, 'chapters', '01-one.md'),
      '---\ntitle: One\n---\n\nCoverage reached *81%* of households in 2024.\n\nThe figure for Indonesia is from the 2023 survey.\n',
    );
    mkdirSync(join(root, 'review', 'chapters'), { recursive: true });
    writeFileSync(
      join(root, 'review', 'chapters', '01-one.jsonl'),
      `${JSON.stringify(
        comment({
          body: '<img src=x onerror="window.pwned=1"></script><script>window.pwned=2</script>',
          target: {
            source: 'chapters/01-one.md',
            edition: 'en',
            selector: [
              { type: 'TextQuoteSelector', exact: '81% of households', prefix: 'Coverage reached ', suffix: '' },
            ],
          },
        }),
      )}\n`,
    );
    mkdirSync(join(root, 'review', 'cases'), { recursive: true });
    writeFileSync(
      join(root, 'review', 'cases', 'good-case.jsonl'),
      `${JSON.stringify(
        comment({
          body: 'Is <script>alert(1)</script> the 2025 figure?',
          target: {
            source: 'cases/good-case.md',
            edition: 'en',
            selector: [{ type: 'TextQuoteSelector', exact: 'Solution' }],
          },
        }),
      )}\n`,
    );
    const out = join(temp, 'site-out');
    await build({ ...sharedBrowser, root, out, htmlOnly: true, review: true, cacheDir: false });
    // The editors' dashboard counts each page's comments, with a link to it.
    const dashboard = readFileSync(join(out, 'editors', 'index.html'), 'utf8');
    expect(dashboard).toContain(
      '<tr><td><a href="../site/chapters/one.html">chapters/01-one.md</a></td><td class="number">1</td><td class="number">0</td><td class="number">0</td></tr>',
    );
    expect(dashboard).toContain('<a href="../site/cases/good-case.html">cases/good-case.md</a>');
    // A comment on a case is neither an error nor a warning of it.
    expect(dashboard).toMatch(/<tr data-status="ok">\s*<td data-value="A Good Case Study">/);
    expect(dashboard).toContain(
      'info: Open comment by Mei Lin: Is &lt;script&gt;alert(1)&lt;/script&gt; the 2025 figure?',
    );
    expect(dashboard).not.toContain('<script>alert(1)');
    const url = pathToFileURL(join(out, 'site', 'chapters', 'one.html')).href;
    const { browser, release } = await testBrowser();
    const requests: string[] = [];
    try {
      const page = await browser.newPage();
      page.on('request', (request) => requests.push(request.url()));
      await page.goto(url, { waitUntil: 'load' });
      const shown = await page.evaluate(() => ({
        marks: Array.from(document.querySelectorAll('mark.review-mark'))
          .map((mark) => mark.textContent)
          .join('|'),
        body: document.querySelector('.review-body')?.textContent,
        images: document.querySelectorAll('.review-panel img, .review-panel script').length,
        pwned: (window as unknown as { pwned?: number }).pwned,
        count: document.querySelector('.review-toggle')?.textContent,
      }));
      expect(shown).toEqual({
        marks: '81%| of households',
        body: '<img src=x onerror="window.pwned=1"></script><script>window.pwned=2</script>',
        images: 0,
        pwned: undefined,
        count: 'Comments (1)',
      });

      // Select "Indonesia is from" and comment on it.
      await commentOn(page, 'Indonesia is from', 'Ravi', 'Which survey?');
      await page.waitForFunction(() => document.querySelectorAll('mark.review-mark').length === 3);

      await page.reload({ waitUntil: 'load' });
      const again = await page.evaluate(() => ({
        marks: Array.from(document.querySelectorAll('mark.review-mark'))
          .map((mark) => mark.textContent)
          .join('|'),
        count: document.querySelector('.review-toggle')?.textContent,
      }));
      expect(again).toEqual({ marks: '81%| of households|Indonesia is from', count: 'Comments (2)' });

      // Resolve the reader's own comment, then export.
      await page.click('.review-toggle');
      await page.evaluate(() => {
        const item = Array.from(document.querySelectorAll('.review-comment')).find((li) =>
          li.textContent?.includes('Which survey?'),
        );
        Array.from(item?.querySelectorAll('button') ?? [])
          .find((b) => b.textContent === 'Resolve')
          ?.click();
      });
      await page.waitForFunction(() => document.querySelector('.review-toggle')?.textContent === 'Comments (1)');
      const exported = await page.evaluate(async () => {
        let blob: Blob | undefined;
        URL.createObjectURL = (object: Blob | MediaSource) => {
          blob = object as Blob;
          return 'blob:captured';
        };
        Array.from(document.querySelectorAll('.review-bar button'))
          .find((b) => b.textContent === 'Export comments')
          ?.dispatchEvent(new MouseEvent('click'));
        return blob?.text();
      });
      expect(requests.filter((request) => !request.startsWith('file:') && request !== 'blob:captured')).toEqual([]);
      const file = join(root, 'exported.json');
      writeFileSync(file, exported ?? '');
      // Reopen it on the way in: an open comment is one `check` lists.
      writeFileSync(file, (exported ?? '').replace('"status":"resolved"', '"status":"open"'));
      const imported = await importComments(file, { root });
      expect(imported.file.messages.map(String)).toEqual([]);
      expect(imported).toMatchObject({ added: 1, updated: 0 });
      const report = formatReport((await check({ root })).files, { format: 'compact' });
      expect(report).toContain('chapters/01-one.md:7:16: info Open comment by Ravi: Which survey? [review-comment]\n');
    } finally {
      await release();
    }
  });
});

describe('an edition in another language', () => {
  test('a Chinese page names its Chinese source; a comment quoting the Chinese page, spaced as the page shows it, is listed at the Chinese source', async () => {
    const root = join(temp, 'zh');
    cpSync(join(fixtures, 'editions'), root, { recursive: true });
    const out = join(temp, 'zh-out');
    await build({ root, out, htmlOnly: true, review: true, cacheDir: false });
    const html = readFileSync(join(out, 'site', 'zh', 'chapters', 'water.html'), 'utf8');
    const data = JSON.parse(
      /<script type="application\/json" id="review-data">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}',
    ) as {
      source: string;
      edition: string;
    };
    expect(data).toMatchObject({ source: 'chapters/zh/01-water.md', edition: 'zh' });
    const file = join(temp, 'zh.json');
    writeFileSync(
      file,
      JSON.stringify([
        comment({
          target: {
            source: data.source,
            edition: data.edition,
            selector: [{ type: 'TextQuoteSelector', exact: '一块精心设计的绿地', prefix: '事实上，', suffix: '可以' }],
          },
          body: '数据来源？',
          creator: { name: '李明' },
        }),
      ]),
    );
    expect(await importComments(file, { root })).toMatchObject({ added: 1 });
    const report = formatReport((await check({ root })).files, { format: 'compact' });
    expect(report).toMatch(
      /^chapters\/zh\/01-water\.md:8:\d+: info Open comment by 李明: 数据来源？ \[review-comment\]$/m,
    );
  });
});

describe('a draft PDF', () => {
  test('carries each open comment as a note in the margin beside the line its quote starts on, its body as text; a final PDF carries none', async () => {
    const root = join(temp, 'draft');
    cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
    mkdirSync(join(root, 'review', 'chapters'), { recursive: true });
    const on = (id: string, exact: string, body: string, status = 'open') =>
      JSON.stringify(
        comment({
          id,
          status,
          body,
          target: { source: 'chapters/02-beta.md', edition: 'en', selector: [{ type: 'TextQuoteSelector', exact }] },
          replies: [{ id: 'r-0001', created: '2026-12-02T00:00:00Z', creator: { name: '李明' }, body: '同意。' }],
        }),
      );
    writeFileSync(
      join(root, 'review', 'chapters', '02-beta.jsonl'),
      [
        on('c-0001', 'Mobile payments closed the gap', '<script>alert(1)</script> Which year?'),
        on('c-0002', 'Markets in China', 'Done.', 'resolved'),
        '',
      ].join('\n'),
    );
    const out = join(temp, 'draft-out');
    const result = await build({ ...sharedBrowser, root, out, draft: true, cacheDir: false });
    const pdf = result.outputs?.pdf ?? '';
    const doc = await PDFDocument.load(readFileSync(pdf));
    const notes = doc.getPages().flatMap((page, index) =>
      (page.node.Annots()?.asArray() ?? [])
        .map((ref) => doc.context.lookup(ref) as PDFDict)
        .filter((annot) => annot.get(PDFName.of('Subtype'))?.toString() === '/Text')
        .map((annot) => ({
          page: index + 1,
          rect: (annot.lookup(PDFName.of('Rect')) as PDFArray).asArray().map((n) => Number(n.toString())),
          title: (annot.lookup(PDFName.of('T')) as PDFString | PDFHexString).decodeText(),
          contents: (annot.lookup(PDFName.of('Contents')) as PDFString | PDFHexString).decodeText(),
          height: page.getHeight(),
          width: page.getWidth(),
        })),
    );
    expect(notes.map(({ title, contents }) => ({ title, contents }))).toEqual([
      { title: 'Mei Lin', contents: 'Mei Lin: <script>alert(1)</script> Which year?\n\n李明: 同意。' },
    ]);
    const [note] = notes;
    // On the page that prints the quote, at the height of its first word, in the right margin.
    const word = words(pdf, note?.page ?? 0).find((w) => w.text === 'Mobile');
    expect(word).toBeDefined();
    const top = (note?.height ?? 0) - (note?.rect[3] ?? 0);
    expect(Math.abs(top - (word?.box[1] ?? 0))).toBeLessThan(12);
    expect(note?.rect[0]).toBeGreaterThan((note?.width ?? 0) - 40);

    const final = await build({ ...sharedBrowser, root, out: join(temp, 'final-out'), cacheDir: false });
    expect(readFileSync(final.outputs?.pdf ?? '').includes('/Subtype /Text')).toBe(false);
  });
});

/**
 * Annotate a PDF the way pdf.js's annotation editor does (the highlight tool, with a comment):
 * the editor's serialised state in the document's annotation storage, written by pdf.js's own
 * `saveDocument`. The highlight covers a phrase of a line, found by pdf.js's text positions.
 */
async function highlightWithPdfJs(pdf: Uint8Array, phrase: string, comment: string, user: string): Promise<Uint8Array> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    data: pdf.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    verbosity: 0,
  }).promise;
  try {
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const items = (await page.getTextContent()).items as {
        str: string;
        transform: number[];
        width: number;
        height: number;
      }[];
      const line = items.filter((item) => item.str);
      const joined = line.map((item) => item.str).join('');
      const at = joined.indexOf(phrase);
      if (at === -1) continue;
      // The runs the phrase spans, and its share of the first and last.
      let offset = 0;
      const boxes: number[][] = [];
      for (const item of line) {
        const from = Math.max(at, offset);
        const to = Math.min(at + phrase.length, offset + item.str.length);
        if (from < to) {
          const per = item.width / item.str.length;
          const [, , , , x = 0, y = 0] = item.transform;
          boxes.push([
            x + (from - offset) * per,
            y - item.height * 0.25,
            x + (to - offset) * per,
            y + item.height * 0.9,
          ]);
        }
        offset += item.str.length;
      }
      const left = Math.min(...boxes.map((box) => box[0] ?? 0));
      const bottom = Math.min(...boxes.map((box) => box[1] ?? 0));
      const right = Math.max(...boxes.map((box) => box[2] ?? 0));
      const top = Math.max(...boxes.map((box) => box[3] ?? 0));
      doc.annotationStorage.setValue('pdfjs_internal_editor_0', {
        annotationType: pdfjs.AnnotationEditorType.HIGHLIGHT,
        color: [255, 239, 0],
        opacity: 1,
        thickness: 12,
        quadPoints: [left, top, right, top, left, bottom, right, bottom],
        outlines: [[left, bottom, left, top, right, top, right, bottom]],
        pageIndex: number - 1,
        rect: [left, bottom, right, top],
        rotation: 0,
        user,
        popup: { contents: comment, rect: [right, top - 60, right + 120, top] },
      });
      return await doc.saveDocument();
    }
    throw new Error(`No page has "${phrase}"`);
  } finally {
    await doc.destroy();
  }
}

/**
 * Add a sticky note beside a line of a PDF, and a reply to its highlight, the way a PDF reader
 * writes them (`/Text` annotations, the reply with `/IRT`), by qpdf's JSON update: another
 * project's tool, not this pipeline's PDF code.
 */
function noteWithQpdf(
  pdf: string,
  out: string,
  line: string,
  note: { author: string; text: string; reply: string },
): void {
  const qpdf = (args: string[]) => execFileSync('qpdf', args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  const json = JSON.parse(qpdf(['--json=2', '--json-key=qpdf', '--json-key=pages', pdf, '-'])) as {
    pages: { object: string }[];
    // The header as qpdf wrote it, the pages read (`calledgetallpages`): the update needs it so.
    qpdf: [{ maxobjectid: number }, Record<string, { value?: Record<string, unknown> }>];
  };
  const objects = json.qpdf[1];
  // New objects take numbers after the file's largest (an xref stream has one and is not listed).
  let next = json.qpdf[0].maxobjectid;
  // The page and height of the line, from poppler's text positions.
  const pages = json.pages.length;
  let found: { page: number; top: number } | undefined;
  for (let page = 1; page <= pages && !found; page++) {
    const first = line.split(' ')[0];
    const word = words(pdf, page).find((w) => w.text === first && pageText(pdf, page).includes(line));
    if (word) found = { page, top: 841.92 - (word.box[1] ?? 0) };
  }
  if (!found) throw new Error(`No page has "${line}"`);
  const highlight = Object.keys(objects).find((key) => objects[key]?.value?.['/Subtype'] === '/Highlight');
  const pageKey = `obj:${json.pages[found.page - 1]?.object ?? ''}`;
  const pageObject = objects[pageKey]?.value ?? {};
  const annots = pageObject['/Annots'];
  const existing = Array.isArray(annots) ? (annots as string[]) : [];
  if (typeof annots === 'string') throw new Error('an indirect /Annots array is not handled here');
  const sticky = `${++next} 0 R`;
  const reply = `${++next} 0 R`;
  const update = {
    [`obj:${sticky}`]: {
      value: {
        '/Type': '/Annot',
        '/Subtype': '/Text',
        '/Rect': [560, found.top - 20, 580, found.top],
        '/Contents': `u:${note.text}`,
        '/T': `u:${note.author}`,
        '/M': 'u:D:20261206093000Z',
        '/Name': '/Comment',
        '/F': 4,
      },
    },
    [`obj:${reply}`]: {
      value: {
        '/Type': '/Annot',
        '/Subtype': '/Text',
        '/Rect': [560, found.top - 40, 580, found.top - 20],
        '/Contents': `u:${note.reply}`,
        '/T': `u:${note.author}`,
        '/M': 'u:D:20261206094500Z',
        '/IRT': highlight?.replace(/^obj:/, ''),
        '/RT': '/R',
        '/F': 4,
      },
    },
    [pageKey]: { value: { ...pageObject, '/Annots': [...existing, sticky, reply] } },
  };
  const file = `${out}.json`;
  writeFileSync(
    file,
    JSON.stringify({
      qpdf: [{ ...json.qpdf[0], maxobjectid: next }, update],
    }),
  );
  qpdf([pdf, `--update-from-json=${file}`, out]);
}

describe('import of an annotated PDF draft', () => {
  test('a highlight with a comment, made by pdf.js, and a sticky note with a reply, added by qpdf, land at their lines of the Markdown', async () => {
    const root = join(temp, 'pdf-import');
    cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
    const out = join(temp, 'pdf-import-out');
    const result = await build({ ...sharedBrowser, root, out, draft: true, cacheDir: false });
    const drafted = new Uint8Array(readFileSync(result.outputs?.pdf ?? ''));
    const highlighted = await highlightWithPdfJs(
      drafted,
      'payments closed the gap',
      'Which year was this?',
      'Asha Rao',
    );
    const highlightedPath = join(temp, 'highlighted.pdf');
    writeFileSync(highlightedPath, highlighted);
    const annotated = join(temp, 'annotated.pdf');
    noteWithQpdf(highlightedPath, annotated, 'This foreword is unnumbered.', {
      author: 'Ravi',
      text: 'Say who the editors are.',
      reply: 'And which year it covers.',
    });

    const imported = await importComments(annotated, { root });
    expect(imported.file.messages.map(String)).toEqual([]);
    expect(imported).toMatchObject({ added: 2, updated: 0 });
    const report = formatReport((await check({ root })).files, { format: 'compact' });
    expect(report).toContain(
      'chapters/00-foreword.md:6:1: info Open comment by Ravi: Say who the editors are. [review-comment]\n',
    );
    // "Mobile payments closed the gap." is line 23 of the chapter; the quote starts at its 8th column.
    expect(report).toContain(
      'chapters/02-beta.md:23:8: info Open comment by Asha Rao: Which year was this? (1 reply) [review-comment]\n',
    );
    // Importing the same file again adds nothing.
    expect(await importComments(annotated, { root })).toMatchObject({ added: 0, updated: 2 });
  });

  test('a file that is neither JSON nor a PDF pdf.js can read is a located error, and nothing is written', async () => {
    const root = join(temp, 'pdf-broken');
    cpSync(join(fixtures, 'check', 'valid'), root, { recursive: true });
    const broken = join(temp, 'broken.pdf');
    writeFileSync(broken, '%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF\n');
    const result = await importComments(broken, { root });
    expect(result.file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual([
      '1:1 review-format',
    ]);
    expect(existsSync(join(root, 'review'))).toBe(false);
  });
});
