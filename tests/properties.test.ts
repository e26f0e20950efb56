/**
 * The property tier: each input surface's invariants, tried on generated input. A failure prints
 * fast-check's seed and the smallest input it shrank to; `FC_SEED=<seed>` replays it and
 * `FC_RUNS=<n>` runs longer (`npm run test:properties` runs 5 times as many). Invariants:
 *
 * - Markdown, TeX and chart blocks: the transform returns (no throw), each problem is a message
 *   with a rule id and a place inside the file, and what it publishes has no script.
 * - A case study's front matter: whatever else is wrong, its contact is never in the report.
 * - A bibliography: every entry is read or is a located message; nothing throws.
 * - A note style: the positions worked out in one pass are citeproc's own.
 * - The command line: any arguments end with 0, 1, 2 or 3, never an internal error, and write
 *   nothing outside the folder they were given.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, jest } from '@jest/globals';
import { fc, test } from '@fast-check/jest';
import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { visit } from 'unist-util-visit';
import CSL from 'citeproc';
import { VFile } from 'vfile';
import { notePositions, type ClusterItem } from '../pipeline/citations/engine.js';
import { loadBibliography } from '../pipeline/citations/bibliography.js';
import { main } from '../pipeline/cli.js';
import { build, check } from '../pipeline/index.js';
import { formatReport, toJson } from '../pipeline/report.js';
import { createProcessor, transformFile } from '../pipeline/transform/processor.js';
import { tightenCjkSpacing } from '../pipeline/data/languages/index.js';
import { fixtures } from './helpers.js';
import { listFiles } from './links.js';

const seed = process.env['FC_SEED'] === undefined ? undefined : Number(process.env['FC_SEED']);
const scale = Number(process.env['FC_RUNS'] ?? 1) || 1;
/** fast-check's settings for a property that runs `count` times by default, after `examples`. */
const runs = <Values = never>(count: number, examples: Values[] = []): fc.Parameters<Values> => ({
  numRuns: Math.max(1, Math.round(count * scale)),
  examples,
  ...(seed === undefined ? {} : { seed }),
});
// A longer run has longer to go; a property stopped by its time says so on the console.
jest.setTimeout(600_000 * Math.max(1, scale));

const temp = mkdtempSync(join(tmpdir(), 'whitepaper-properties-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** Text made of the characters and tokens Markdown, TeX and our extensions give meaning to. */
const markdownish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        ...['$', '$$', '\\', '{', '}', '[', ']', '(', ')', '@', '#', '`', '```', '*', '_', '~', '^', '|', '-', ':'],
        ...['\n', '\n\n', ' ', '  ', '\t', '<', '>', '!', '&', '"', "'", '=', '%', '中文', 'ひらがな', '\u200b'],
        ...['[@', '[^1]', '[^1]: ', '{#fig:a}', '{#sec:a}', '@fig:a', '@sec:a', '```chart\n', ':::', '<aside>'],
        ...['\\frac{', '\\rule{', 'em}', '\\def\\a{\\a}', '\\href{', '\\begin{array}', '\\\\', '&amp;', '<!--'],
        ...['\\text{', '\u200b', '\\char"', '\\mathrm{', '\\verb|', '\\operatorname{'],
        ...['<script>', 'javascript:', '<img src=x onerror=a()>', '<a href="', '">', '![a](', '.png)', '| a |'],
      ),
      fc.string({ maxLength: 6 }),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

/** What a published body must not hold: a script, an event handler, a `javascript:` address. */
function executable(tree: Root, scriptFiles = false): string[] {
  const found: string[] = [];
  visit(tree, 'element', (node: Element) => {
    // A page of the site may load the site's own script files, and nothing else.
    const file = scriptFiles && node.tagName === 'script' && node.children.length === 0 && node.properties['src'];
    if (['script', 'iframe', 'object', 'embed', 'base'].includes(node.tagName) && !file) found.push(node.tagName);
    for (const [name, value] of Object.entries(node.properties)) {
      if (/^on/i.test(name)) found.push(`${node.tagName} ${name}`);
      if (/^\s*(?:javascript|vbscript|data:text\/html)/i.test(String(value)))
        found.push(`${node.tagName} ${name}=${String(value)}`);
    }
  });
  return found;
}

/**
 * What runs `work` says outside its messages: on the console or the process's warning channel
 * (a line there names no file and no place, and a submitter could fill the terminal with it).
 */
async function said(work: () => Promise<unknown>): Promise<string[]> {
  const lines: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((name) =>
    jest.spyOn(console, name).mockImplementation((...args: unknown[]) => {
      lines.push(`console.${name}: ${args.map(String).join(' ')}`);
    }),
  );
  const warning = (problem: Error) => lines.push(`warning: ${problem.message}`);
  process.on('warning', warning);
  const emit = jest.spyOn(process, 'emitWarning').mockImplementation((problem: string | Error) => {
    lines.push(`emitWarning: ${String(problem)}`);
  });
  try {
    await work();
  } finally {
    for (const spy of spies) spy.mockRestore();
    emit.mockRestore();
    process.off('warning', warning);
  }
  return lines;
}

/** Where a message says it is, checked against the file it is in. */
function located(file: VFile): string[] {
  const lines = String(file.value).split('\n').length;
  return file.messages.flatMap((message) => {
    const problems: string[] = [];
    if (!message.ruleId) problems.push(`no rule id: ${message.reason}`);
    if (message.line !== undefined && (message.line < 1 || message.line > lines + 1))
      problems.push(`line ${message.line} outside 1–${lines + 1}: ${message.reason}`);
    if (message.column !== undefined && message.column < 1) problems.push(`column ${message.column}`);
    return problems;
  });
}

describe('Markdown, TeX and chart blocks', () => {
  const root = join(temp, 'markdown');
  beforeAll(() => {
    mkdirSync(join(root, 'chapters'), { recursive: true });
  });

  test.prop([markdownish, fc.boolean()], runs(150, [['$x\u200b$', false] as [string, boolean]]))(
    'any body transforms without throwing, each problem located, nothing executable published',
    async (body, trusted) => {
      const processor = createProcessor({ root });
      const file = new VFile({ cwd: root, path: 'chapters/01-x.md', value: `---\ntitle: X\n---\n\n${body}\n` });
      Object.assign(file.data, { kind: trusted ? 'chapter' : 'case', idPrefix: 'x', trusted: false });
      let tree: Root = { type: 'root', children: [] };
      expect(await said(async () => (tree = await transformFile(processor, file)))).toEqual([]);
      expect(located(file)).toEqual([]);
      expect(executable(tree)).toEqual([]);
    },
  );

  const chartBody = fc
    .array(
      fc.oneof(
        fc.constantFrom(
          ...['mark: bar\n', 'mark: {type: bar, href: x}\n', 'data: {values: [{a: 1}]}\n', '&a [1]\n', '*a\n'],
          ...['encoding: {x: {field: a}}\n', 'spec: ', '.csv\n', '../x.json\n', '"$schema": x\n', 'title: ', '[', ']'],
          ...['{', '}', ': ', '- ', '\n', '  ', 'null', '1e999', '"', "'", 'transform: [{calculate: "1"}]\n'],
          ...['? ', '[a]: 1\n', '{[]: 1}', '? {a: 1}\n: 2\n', '!!set {a}', '<<: *a\n'],
        ),
        fc.string({ maxLength: 5 }),
      ),
      { maxLength: 20 },
    )
    .map((parts) => parts.join(''));

  test.prop([chartBody], runs(60, [['? {a: 1}\n: 2\n'] as [string]]))(
    'any chart block is a chart or a located message',
    async (spec) => {
      const processor = createProcessor({ root });
      const file = new VFile({
        cwd: root,
        path: 'chapters/01-x.md',
        value: `---\ntitle: X\n---\n\n\`\`\`chart\n${spec}\n\`\`\`\n`,
      });
      Object.assign(file.data, { kind: 'chapter', idPrefix: 'x', trusted: false });
      let tree: Root = { type: 'root', children: [] };
      expect(await said(async () => (tree = await transformFile(processor, file)))).toEqual([]);
      expect(located(file)).toEqual([]);
      expect(executable(tree)).toEqual([]);
    },
  );
});

describe('a whole book', () => {
  const root = join(temp, 'book');
  beforeAll(() => cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true }));

  test.prop([markdownish, markdownish], runs(8, [['[@no-such-key]', 'x'] as [string, string]]))(
    'a submitted case and a chapter with any body: a new site, or the last one kept and each problem located; the contact never out, no script on any page',
    async (caseBody, chapterBody) => {
      const privateName = 'Quentin Undisclosed';
      writeFileSync(
        join(root, 'cases', 'river-sensors.md'),
        `---\ntitle: T\norganization: O\ncountry: VN\nsdgs: [6]\ncommittee: esg\nsummary: A summary long enough to pass.\ncontact:\n  name: ${privateName}\n  email: q.undisclosed@example.org\n---\n\n## Background\n\n${caseBody}\n\n## Solution\n\ny\n\n## Impact\n\nz\n`,
      );
      writeFileSync(join(root, 'chapters', '02-more.md'), `---\ntitle: More\n---\n\n${chapterBody}\n`);
      const out = join(root, 'output');
      // What the last build left: kept as it is when this one has errors, replaced when it has none.
      mkdirSync(join(out, 'site'), { recursive: true });
      writeFileSync(join(out, 'site', 'previous.txt'), 'previous');
      const result = await build({ root, out, htmlOnly: true, cacheDir: false });
      for (const file of result.files) expect(located(file)).toEqual([]);
      // Small files are far inside their time budget, whatever they hold.
      expect(toJson(result.files).filter(({ ruleId }) => ruleId === 'markdown-time')).toEqual([]);
      const failed = result.files.some((file) => file.messages.some((message) => message.fatal));
      expect([failed, listFiles(out).includes(join('site', 'previous.txt'))]).toEqual([failed, failed]);
      expect(formatReport(result.files)).not.toContain('Undisclosed');
      for (const name of listFiles(out).filter((path) => path.endsWith('.html'))) {
        const text = readFileSync(join(out, name), 'utf8');
        expect([name, text.includes('Undisclosed'), text.includes('q.undisclosed')]).toEqual([name, false, false]);
        // The site's own scripts are files; no page holds an inline script or a handler.
        expect([name, executable(fromHtml(text), true)]).toEqual([name, []]);
      }
    },
  );
});

describe('a case study’s front matter', () => {
  const name = 'Jiang Privateperson';
  const email = 'j.privateperson@example.org';
  const value = fc.oneof(
    fc.constantFrom('', 'x', '[1, 2]', '{a: 1}', '&a x', '*a', '!!binary x', '"unclosed', 'null', '2026-13-45', '- x'),
    fc.constantFrom('{[]: 1}', '{? {a: 1} : 2}', '!!set {a}', '{<<: {a: 1}}'),
    fc.string({ maxLength: 12 }).map((text) => JSON.stringify(text)),
  );
  const field = fc.constantFrom(
    ...['title', 'organization', 'country', 'sdgs', 'committee', 'summary', 'language', 'award', 'contact'],
    ...['image', 'website', 'unknownKey', 'contact.name', 'contact.email', 'contact.phone'],
  );
  const root = join(temp, 'front-matter');
  beforeAll(() => cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true }));

  test.prop(
    [fc.array(fc.tuple(field, value), { maxLength: 6 }), fc.constantFrom('block', 'flow', 'mapping')],
    runs(25),
  )('the contact is never quoted in the report, whatever else is wrong', async (fields, shape) => {
    const contact =
      shape === 'block'
        ? `contact:\n  name: ${name}\n  email: ${email}\n`
        : shape === 'flow'
          ? `contact: {name: ${name}, email: ${email}}\n`
          : `contact:\n  ${name}: ${email}\n`;
    const lines = fields.map(([key, text]) =>
      key.startsWith('contact.') ? `  ${key.slice(8)}: ${text}\n` : `${key}: ${text}\n`,
    );
    const front = `title: T\norganization: O\ncountry: VN\nsdgs: [6]\ncommittee: esg\nsummary: A summary long enough to pass.\n${contact}${lines.join('')}`;
    writeFileSync(
      join(root, 'cases', 'river-sensors.md'),
      `---\n${front}---\n\n## Background\n\nx\n\n## Solution\n\ny\n\n## Impact\n\nz\n`,
    );
    const result = await check({ root });
    const report = formatReport(result.files) + JSON.stringify(toJson(result.files));
    for (const secret of [name, 'Privateperson', email, 'j.privateperson'])
      expect([secret, report.includes(secret)]).toEqual([secret, false]);
    for (const file of result.files) expect(located(file)).toEqual([]);
  });
});

describe('a chapter’s front matter', () => {
  const root = join(temp, 'chapter-matter');
  beforeAll(() => cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true }));
  const key = fc.constantFrom('title', 'part', 'keyMessages', 'summary', 'authors', 'unknownKey');
  const value = fc.oneof(
    fc.constantFrom(
      ...['x', '""', 'null', '[]', '{}', '[a, b]', '[a: b]', '- a', '&a [*a, *a]', '!!js/function x', '1'],
      ...['"<script>alert(1)</script>"', '"[x](javascript:a)"', '"<img src=x onerror=a()>"', '"`code` and *em*"'],
      ...['[1, 2, 3, 4, 5, 6, 7, 8]', '["The gap: use"]', '2026 年版 AI 治理', '"{#sec:x}"', "'a'b'"],
    ),
    fc.string({ maxLength: 10 }).map((text) => JSON.stringify(text)),
  );

  /** What a part or a key message may say: Markdown, HTML, YAML's own characters, CJK. */
  const hostile = fc.oneof(
    fc.constantFrom(
      ...['<script>alert(1)</script>', '[x](javascript:a)', '<img src=x onerror=a()>', '`code` and *em*'],
      ...['2026 年版 AI 治理', '{#sec:x}', '<b onclick="a()">b</b>', '&lt;script&gt;', 'a\u0000b'],
    ),
    fc.string({ minLength: 1, maxLength: 12 }),
  );

  test.prop(
    [hostile, fc.array(hostile, { maxLength: 8 }), fc.option(fc.tuple(key, value), { nil: undefined })],
    runs(40),
  )(
    'any part, key messages or title: each problem located, nothing thrown, nothing executable in the parts and contents',
    async (part, messages, extra) => {
      const lines = [
        'title: Alpha',
        `part: ${JSON.stringify(part)}`,
        ...(messages.length > 0 ? [`keyMessages: ${JSON.stringify(messages)}`] : []),
        ...(extra && !['title', 'part', 'keyMessages'].includes(extra[0]) ? [`${extra[0]}: ${extra[1]}`] : []),
      ];
      writeFileSync(join(root, 'chapters', '01-alpha.md'), `---\n${lines.join('\n')}\n---\n\n## One\n\nText.\n`);
      const result = await check({ root });
      for (const file of result.files) expect([file.path, located(file)]).toEqual([file.path, []]);
      for (const edition of result.editions) {
        const html = [
          ...edition.toc.map((entry) => entry.titleHtml ?? ''),
          ...edition.chapters.map((chapter) => chapter.part?.titleHtml ?? ''),
        ].join('\n');
        expect([html, /<script|<img|<b\b|<[a-z][^>]*\son\w+=|href="\s*javascript:/i.test(html)]).toEqual([html, false]);
      }
    },
  );
});

describe('the settings and the awards', () => {
  const root = join(temp, 'settings');
  beforeAll(() => cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true }));
  const scalar = fc.oneof(
    fc.constantFrom(
      ...['', 'x', 'en', 'zh', 'zh-Hans', 'xx-YY', 'apa', 'x.csl', '../x', '/etc/passwd', 'references.bib', '1'],
      ...['true', 'null', '2026-02-30', '-1', '1e309', '[]', '{}', '[en, en]', '{zh: {title: x}}', '&a [*a, *a]'],
      ...['"\u0000"', '!!js/function x', '{warn: off}', '[tokyo-ledger, tokyo-ledger]', '{a: }', '- a'],
    ),
    fc.string({ maxLength: 8 }).map((text) => JSON.stringify(text)),
  );
  const settingsKey = fc.constantFrom(
    ...['title', 'subtitle', 'edition', 'publisher', 'date', 'language', 'languages', 'translations', 'author'],
    ...['imprint', 'logo', 'coverImage', 'signatories', 'keywords', 'name', 'bibliography', 'awards', 'countries'],
    ...['trustChapters', 'citationStyle', 'citationLocale', 'listOfFigures', 'listOfTables', 'rules', 'limits'],
    ...['chapterOpening', 'backCover'],
  );
  const awardsLine = fc.oneof(
    fc.constantFrom(
      ...['tiers:\n', '  - id: gold\n', '    label: Gold\n', '    cases: [tokyo-ledger]\n', '    cases: [nope]\n'],
      ...['  - id: gold\n', '    label: {en: x}\n', 'x: 1\n', '  - \n', '    cases: tokyo-ledger\n', '- 1\n'],
    ),
    scalar.map((text) => `    label: ${text}\n`),
  );

  test.prop(
    [fc.array(fc.tuple(settingsKey, scalar), { maxLength: 5 }), fc.array(awardsLine, { maxLength: 8 })],
    runs(20),
  )('any settings and any awards file are checked, each problem located, nothing thrown', async (pairs, awards) => {
    const settings = readFileSync(join(fixtures, 'book', 'basic', 'whitepaper.yaml'), 'utf8')
      .split('\n')
      .filter((line) => !pairs.some(([key]) => line.startsWith(`${key}:`)))
      .join('\n');
    writeFileSync(
      join(root, 'whitepaper.yaml'),
      `${settings}\n${pairs.map(([key, value]) => `${key}: ${value}`).join('\n')}\n`,
    );
    writeFileSync(join(root, 'cases', 'awards.yaml'), awards.join(''));
    const result = await check({ root });
    for (const file of result.files) expect([file.path, located(file)]).toEqual([file.path, []]);
  });
});

describe('a bibliography', () => {
  const root = join(temp, 'bibliography');
  beforeAll(() => {
    mkdirSync(root, { recursive: true });
  });
  const piece = fc.oneof(
    fc.constantFrom(
      ...['@article{a,', '@book{b,', '@set{s, entryset = {a, b}}', '@string{x = "y"}', '@comment{', '@preamble{"'],
      ...['author = {', 'title = "', 'date = {2020-13/2021}', 'year = 99999999999', 'crossref = {a}', 'xdata = {a}'],
      ...['pages = {1--}', 'editor = {and others}', 'language = {a and b}', 'month = jan', '# x', '{\\"u}', '\\emph{'],
      ...['}', '{', ',', '"', '\n', ' ', '=', '@', '%', 'url = {http://[}', 'doi = {10.1/x}', 'keywords = {a,,b}'],
    ),
    fc.string({ maxLength: 6 }),
  );

  test.prop([fc.array(piece, { maxLength: 40 }).map((parts) => parts.join(''))], runs(100))(
    'every entry is read or is a located message, and nothing throws',
    async (text) => {
      writeFileSync(join(root, 'references.bib'), text);
      const bibliography = await loadBibliography(root, 'references.bib', 1024 * 1024);
      expect(located(bibliography.file)).toEqual([]);
      for (const item of bibliography.items.values()) expect(typeof item.id).toBe('string');
    },
  );
});

describe('a note style', () => {
  const style = readFileSync(join(fixtures, 'csl', 'chicago-notes-bibliography-17th-edition.csl'), 'utf8');
  const locale = readFileSync(
    join(fixtures, '..', '..', 'pipeline', 'citations', 'locales', 'locales-en-US.xml'),
    'utf8',
  );
  const works = ['a', 'b', 'c'].map((id, index) => ({
    id,
    type: 'book',
    title: `Work ${id}`,
    author: [{ family: `Author${index}`, given: 'A.' }],
    issued: { 'date-parts': [[2000 + index]] },
  }));
  const cite = fc.record(
    { id: fc.constantFrom('a', 'b', 'c'), locator: fc.constantFrom(undefined, '1', '2') },
    { requiredKeys: ['id'] },
  );
  /** Citations, each in a note at or after the one before (several may share a note). */
  const sequence = fc.array(fc.tuple(fc.array(cite, { minLength: 1, maxLength: 3 }), fc.constantFrom(0, 1, 2, 7)), {
    minLength: 1,
    maxLength: 25,
  });

  type Citeproc = {
    setOutputFormat(format: string): void;
    updateItems(ids: string[]): void;
    makeCitationCluster(items: object[]): string;
    rebuildProcessorState(citations: object[], mode: string): [string, number, string][];
  };
  const engine = (): Citeproc => {
    const system = { retrieveLocale: () => locale, retrieveItem: (id: string) => works.find((work) => work.id === id) };
    const made = new CSL.Engine(system, style, 'en-US', true) as unknown as Citeproc;
    made.setOutputFormat('html');
    made.updateItems(['a', 'b', 'c']);
    return made;
  };
  // Built once: citeproc takes most of a second to read a style.
  const theirs = engine();
  const ours = engine();

  /**
   * Where citeproc departs from CSL: an `ibid.` after another citation in the same note compares
   * locators with that citation's first work, not the work just before; we follow CSL.
   */
  const quirk = (clusters: ClusterItem[][], notes: number[]) =>
    clusters.some((items, index) => {
      const before = clusters[index - 1];
      return (
        before !== undefined &&
        before.length > 1 &&
        notes[index] === notes[index - 1] &&
        before.at(-1)?.id === items[0]?.id &&
        before[0]?.locator !== before.at(-1)?.locator
      );
    });

  test.prop([sequence], runs(100))('positions worked out in one pass are citeproc’s own', (citations) => {
    let note = 0;
    const clusters: ClusterItem[][] = [];
    const notes: number[] = [];
    for (const [items, step] of citations) {
      note += step || (note === 0 ? 1 : 0);
      clusters.push(items.map(({ id, locator }) => ({ id, ...(locator ? { locator, label: 'page' } : {}) })));
      notes.push(note);
    }
    fc.pre(!quirk(clusters, notes));
    const expected = theirs
      .rebuildProcessorState(
        clusters.map((items, index) => ({
          citationID: `c${index}`,
          citationItems: items,
          properties: { noteIndex: notes[index] ?? 0 },
        })),
        'html',
      )
      .map(([, , html]) => html);
    ours.updateItems(['a', 'b', 'c']);
    const positioned = notePositions(
      clusters,
      notes.map((index) => ({ index, group: 'one' })),
      5,
    );
    expect(positioned.map((cluster) => ours.makeCitationCluster(cluster))).toEqual(expected);
  });
});

describe('the command line', () => {
  const root = join(temp, 'cli');
  const here = join(temp, 'cli-here');
  beforeAll(() => {
    cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
    mkdirSync(here);
  });
  const word = fc.oneof(
    fc.constantFrom(
      ...['check', 'new', 'case', 'chapter', 'init', 'build', 'preview', 'x', '', ' ', '-', '--', '-h', '-v'],
      ...['--format', 'json', 'compact', 'text', 'yaml', '--frail', '--quiet', '--since', 'HEAD', '--port'],
      ...['--timeout', '0', '-1', 'NaN', '1e9', '--out', '--html-only', '--no-cache', '--ouput', '--root=', 'é'],
      ...['CON', 'a'.repeat(300), '\u0000', '.', '-x', '--=', '--format=json', '--port=99999'],
    ),
    fc.stringMatching(/^[A-Za-z0-9_.-]{0,12}$/).filter((text) => !text.includes('..')),
  );
  const written = () => readdirSync(temp).sort();

  const slug = fc.oneof(
    word,
    fc.string({ maxLength: 20 }).filter((text) => !/[/\\]|\.\./.test(text)),
  );
  const command = fc.oneof(
    fc.constant(['check']),
    slug.map((name) => ['new', 'case', name]),
    slug.map((name) => ['new', 'chapter', name]),
    slug.map((name) => ['init', name]),
    fc.array(word, { maxLength: 2 }),
  );
  const statuses = new Map<number, number>();
  afterAll(() => {
    // Most runs must reach the commands, not stop at a usage error.
    process.stdout.write(`CLI statuses ${JSON.stringify([...statuses])}\n`);
    expect((statuses.get(0) ?? 0) + (statuses.get(1) ?? 0)).toBeGreaterThan(0);
  });

  test.prop([command, fc.array(word, { maxLength: 4 })], runs(40))(
    'any arguments end with 0, 1, 2 or 3, with no stack, and write only where they were asked to',
    async (head, words) => {
      // `init` and `new` write under the folder they are run in: a folder of this test's own.
      const argv = [...head, ...words, '--root', root].filter((text) => !['build', 'preview'].includes(text));
      const before = written();
      const errors: string[] = [];
      const spy = jest.spyOn(process.stderr, 'write').mockImplementation((text) => {
        errors.push(String(text));
        return true;
      });
      const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
      const cwd = process.env['INIT_CWD'];
      process.env['INIT_CWD'] = here;
      let status: number;
      try {
        status = await main(argv);
      } finally {
        spy.mockRestore();
        out.mockRestore();
        if (cwd === undefined) delete process.env['INIT_CWD'];
        else process.env['INIT_CWD'] = cwd;
      }
      expect([argv, status, errors.join('')]).toEqual([
        argv,
        expect.any(Number),
        expect.not.stringMatching(/\n\s+at /),
      ]);
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      expect([argv, [0, 1, 2, 3].includes(status)]).toEqual([argv, true]);
      expect(written()).toEqual(before);
    },
  );
});

describe('the CJK–Latin gap', () => {
  const text = fc
    .array(
      fc.constantFrom('中', '文', 'か', 'ナ', 'a', 'Z', '7', ' ', '  ', '@', '。', '{', '}', '한', 'é', '𠀀', '%'),
      {
        maxLength: 60,
      },
    )
    .map((parts) => parts.join(''));

  test.prop([text], runs(300, [[' 中 a '] as [string]]))(
    'only spaces go, only beside a CJK–Latin boundary; a second pass changes nothing',
    (value) => {
      const once = tightenCjkSpacing(value);
      expect(once.replaceAll(' ', '')).toBe(value.replaceAll(' ', ''));
      expect(tightenCjkSpacing(once)).toBe(once);
      // No space is left between Han or kana and a Latin letter, a digit or a citation's `@`.
      const ideograph = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;
      const western = /[\p{Script=Latin}\p{Nd}@%]/u;
      for (const match of once.matchAll(/(?<=(.)) +(?=(.))/gu)) {
        const [left = '', right = ''] = [match[1], match[2]];
        expect([
          left,
          right,
          (ideograph.test(left) && western.test(right)) || (western.test(left) && ideograph.test(right)),
        ]).toEqual([left, right, false]);
      }
    },
  );
});
