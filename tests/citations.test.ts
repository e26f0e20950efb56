/**
 * Citations with material written elsewhere: every official CSL style of `fixtures/csl/`, the
 * shipped CSL locales, an editors' own locale, and a biblatex bibliography; real HTML builds.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import { VFile } from 'vfile';
import { openCitations } from '../pipeline/citations/index.js';
import type { CslItem } from '../pipeline/citations/engine.js';
import { build, check } from '../pipeline/index.js';
import type { BookSettings, Citation } from '../pipeline/model/types.js';
import { formatReport } from '../pipeline/report.js';
import { expectFile, fixtures, sharedBrowser } from './helpers.js';

const temp = mkdtempSync(join(tmpdir(), 'whitepaper-citations-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const styles = readdirSync(join(fixtures, 'csl')).filter(
  (name) => name.endsWith('.csl') && !name.includes('dependent'),
);

/** The styles fixture in a folder of its own, with `whitepaper.yaml` edited. */
function project(name: string, edit: (settings: string) => string, files: Record<string, string> = {}): string {
  const root = join(temp, name);
  cpSync(join(fixtures, 'scholarly', 'styles'), root, { recursive: true });
  writeFileSync(join(root, 'whitepaper.yaml'), edit(readFileSync(join(root, 'whitepaper.yaml'), 'utf8')));
  for (const [path, text] of Object.entries(files)) writeFileSync(join(root, path), text);
  return root;
}

/** The list of references of an edition's site, one entry per line, as text. */
function references(out: string, language: string): string[] {
  const html = readFileSync(join(out, 'site', language, 'references.html'), 'utf8');
  return [...html.matchAll(/<div class="csl-entry"[^>]*>([\s\S]*?)<\/div>\n/g)].map((match) =>
    (match[1] ?? '')
      .replace(/<[^>]+>/g, '')
      .replace(/\s+/g, ' ')
      .trim(),
  );
}

/** The `<main>` of a page. */
const main = (html: string) => /<main id="main">\n([\s\S]*)<\/main>/.exec(html)?.[1] ?? '';

describe('official CSL styles', () => {
  test.each(styles)('%s formats every work in both editions, each with its year', async (style) => {
    const root = project(style, (settings) => settings.replace('citationStyle: apa', `citationStyle: ${style}`));
    cpSync(join(fixtures, 'csl', style), join(root, style));
    const out = join(root, 'output');
    const result = await build({ ...sharedBrowser, root, out, htmlOnly: true, cacheDir: false });
    expect(formatReport(result.files)).toBe('');
    for (const language of ['en', 'zh']) {
      const entries = references(out, language);
      expect(entries).toHaveLength(6);
      for (const year of ['2018', '2019', '2020', '2021', '2022', '2024'])
        expect([language, year, entries.some((entry) => entry.includes(year))]).toEqual([language, year, true]);
      for (const entry of entries) expect(entry).not.toMatch(/n\.d\.|\[\d*\]$|undefined/);
    }
    const zh = references(out, 'zh').join('\n');
    // The Chinese edition cites in Chinese: the zh-CN locale shipped with the pipeline.
    expect(zh).toMatch(/等|版|页/);
  });

  test.each([
    ['apa', 'apa.csl', 'en'],
    ['ieee', 'ieee.csl', 'en'],
    ['gb-t-7714-numeric', 'china-national-standard-gb-t-7714-2015-numeric.csl', 'zh'],
  ])('exact references in %s', async (name, style, language) => {
    const root = project(`exact-${name}`, (settings) =>
      settings.replace('citationStyle: apa', `citationStyle: ${style}`),
    );
    cpSync(join(fixtures, 'csl', style), join(root, style));
    const out = join(root, 'output');
    await build({ ...sharedBrowser, root, out, htmlOnly: true, cacheDir: false });
    const expected = join(fixtures, 'scholarly', 'styles', `expected-${name}-${language}.html`);
    expectFile(expected, main(readFileSync(join(out, 'site', language, 'references.html'), 'utf8')));
  });

  test('GB/T 7714 in the Chinese edition reads 等 and 版, APA 等 and 页; the English edition keeps English terms', async () => {
    const style = 'china-national-standard-gb-t-7714-2015-numeric.csl';
    const root = project('gbt-terms', (settings) => settings.replace('citationStyle: apa', `citationStyle: ${style}`));
    cpSync(join(fixtures, 'csl', style), join(root, style));
    await build({ ...sharedBrowser, root, out: join(root, 'output'), htmlOnly: true, cacheDir: false });
    const zh = references(join(root, 'output'), 'zh');
    expect(zh.find((entry) => entry.includes('王小明'))).toContain('等');
    expect(zh.find((entry) => entry.includes('亚洲能源转型'))).toContain('2 版');
    const apa = project('apa-zh-terms', (settings) => settings);
    await build({ ...sharedBrowser, root: apa, out: join(apa, 'output'), htmlOnly: true, cacheDir: false });
    const chapter = readFileSync(join(apa, 'output', 'site', 'zh', 'chapters', 'sources.html'), 'utf8');
    expect(chapter).toContain('(王小明等, 2022, 页 15; 赵磊, 2020)');
    const english = readFileSync(join(apa, 'output', 'site', 'en', 'chapters', 'sources.html'), 'utf8');
    expect(english).toContain('(王小明 et al., 2022, p. 15; 赵磊, 2020)');
  });

  test('in the Chinese edition, a work written in Latin script is marked so: its titles italic, not the bold of CJK emphasis', async () => {
    const root = project('latin-entries', (settings) => settings);
    await build({ ...sharedBrowser, root, out: join(root, 'output'), htmlOnly: true, cacheDir: false });
    const entries = (language: string) =>
      [
        ...readFileSync(join(root, 'output', 'site', language, 'references.html'), 'utf8').matchAll(
          /<div class="csl-entry" id="ref-([^"]+)"( lang="[^"]+")?>/g,
        ),
      ].map(([, key, lang]) => `${key}${lang ?? ''}`);
    expect(entries('zh')).toEqual([
      'wang2022',
      'zhao2020',
      // Their own languages, from the bibliography (langid), or Latin script without one.
      'mueller2018 lang="de-DE"',
      'nakamura2019 lang="en-US"',
      'tan2021grids lang="en-US"',
      'unesco2024 lang="und-Latn"',
    ]);
    // On a Latin page, the Chinese works say they are.
    expect(entries('en').filter((entry) => entry.includes('lang='))).toEqual([
      'mueller2018 lang="de-DE"',
      'wang2022 lang="zh-CN"',
      'zhao2020 lang="zh-CN"',
    ]);
  });

  test('an edition can cite with a locale file of its own', async () => {
    const root = project('own-locale', (settings) =>
      settings.replace('    title: 样式测试', '    title: 样式测试\n    citationLocale: zh-TW.xml'),
    );
    cpSync(
      join(fixtures, '..', '..', 'pipeline', 'citations', 'locales', 'locales-zh-TW.xml'),
      join(root, 'zh-TW.xml'),
    );
    const result = await build({ ...sharedBrowser, root, out: join(root, 'output'), htmlOnly: true, cacheDir: false });
    expect(formatReport(result.files)).toBe('');
    const chapter = readFileSync(join(root, 'output', 'site', 'zh', 'chapters', 'sources.html'), 'utf8');
    expect(chapter).toContain('頁 15');
    expect(chapter).not.toContain('页 15');
  });

  test('dependent, empty, unknown and broken styles and locales are located errors', async () => {
    const root = project('bad-styles', (settings) =>
      settings
        .replace('citationStyle: apa', 'citationStyle: plos-one-dependent.csl\ncitationLocale: nothing.xml')
        .replace(
          '    title: 样式测试',
          '    title: 样式测试\n    citationStyle: empty.csl\n    citationLocale: empty.csl',
        ),
    );
    cpSync(join(fixtures, 'csl', 'plos-one-dependent.csl'), join(root, 'plos-one-dependent.csl'));
    writeFileSync(join(root, 'empty.csl'), '');
    const result = await check({ root });
    expectFile(join(fixtures, 'scholarly', 'styles', 'expected-bad-styles.txt'), formatReport(result.files));
    const unknown = project('unknown-style', (settings) =>
      settings.replace('citationStyle: apa', 'citationStyle: chicago'),
    );
    expect(formatReport((await check({ root: unknown })).files)).toContain(
      'error Unexpected citation style `chicago`, expected `apa`, `vancouver`, `harvard1` or a path to a .csl file settings-citation-style',
    );
  });

  test('a style citeproc cannot read is a located error, not a crash', async () => {
    const broken =
      '<?xml version="1.0" encoding="utf-8"?>\n<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0">\n<citation><layout><text variable="title" form=</layout></citation>\n</style>\n';
    const root = project(
      'unreadable-style',
      (settings) => settings.replace('citationStyle: apa', 'citationStyle: broken.csl'),
      { 'broken.csl': broken },
    );
    const report = formatReport((await check({ root })).files);
    expect(report).toMatch(
      /^whitepaper\.yaml\n12:16-12:26 +error +Unexpected citation style `broken\.csl`: citeproc could not use it \(.+\), expected a valid CSL 1\.0 style +settings-citation-style/m,
    );
  });
});

describe('note styles', () => {
  const style = 'chicago-notes-bibliography-17th-edition.csl';
  const chapter = `---
title: Sources
---

[^early]: A note that cites [@mueller2018] itself.

## Evidence

Island grids [@tan2021grids, p. 50] and regional data [@nakamura2019] agree with a thesis
[@mueller2018], two Chinese works [@wang2022, p. 15; @zhao2020] and guidance [@unesco2024].
@nakamura2019 says the same, as an author's note says.[^aside] Again [@nakamura2019]. And a
note of its own.[^early] Once more [@nakamura2019, 12].

[^aside]: An aside of the author.
`;

  test('each citation is a footnote, numbered with the author’s notes, its mark after the punctuation; later ones are short', async () => {
    const root = project('notes', (settings) => settings.replace('citationStyle: apa', `citationStyle: ${style}`), {
      [join('chapters', 'en', '01-sources.md')]: chapter,
    });
    cpSync(join(fixtures, 'csl', style), join(root, style));
    const out = join(root, 'output');
    const result = await build({ ...sharedBrowser, root, out, cacheDir: false });
    expect(formatReport(result.files)).toBe('');
    const html = readFileSync(join(out, 'site', 'en', 'chapters', 'sources.html'), 'utf8');
    const text = (fragment: string) =>
      fragment
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    const paragraph = /<h2 id="sources--evidence">Evidence<\/h2>\n<p>([\s\S]*?)<\/p>/.exec(html)?.[1] ?? '';
    expect(text(paragraph)).toBe(
      'Island grids1 and regional data2 agree with a thesis,3 two Chinese works4 and guidance.5 ' +
        'Nakamura6 says the same, as an author’s note says.7 Again.8 And a note of its own.9 Once more.10',
    );
    const notes = [...html.matchAll(/<li id="([^"]+)">\s*<p>([\s\S]*?)<\/p>/g)].map(
      ([, id, note]) => `${id} ${text(note ?? '').replace(/ ↩$/, '')}`,
    );
    expect(notes).toEqual([
      'sources--fn-cite-1 Wei Ling Tan et al., “Microgrids for Island Communities,” Journal of Sustainable Technology 12, no. 3 (March 2021): 50, https://doi.org/10.1234/jst.2021.045.',
      'sources--fn-cite-2 Haruki Nakamura, Regional Data for Planners, 3rd ed. (Singapore: Asia Science Press, 2019).',
      'sources--fn-cite-3 Jörg Müller, “Energiewende in Südostasien” (PhD thesis, Universität Hamburg, 2018).',
      'sources--fn-cite-4 王小明 et al., “数字基础设施与可持续发展,” 科技导报 40, no. 5 (2022): 15; 赵磊, 亚洲能源转型, 2nd ed. (北京: 科学出版社, 2020).',
      'sources--fn-cite-5 UNESCO, “Guidance for Generative AI in Education,” 2024, https://example.org/unesco-genai.',
      'sources--fn-cite-6 Nakamura, Regional Data for Planners.',
      'sources--fn-aside An aside of the author.',
      'sources--fn-cite-7 Nakamura, Regional Data for Planners.',
      'sources--fn-early A note that cites Müller, “Energiewende in Südostasien” itself.',
      'sources--fn-cite-8 Nakamura, Regional Data for Planners, 12.',
    ]);
    // Each mark leads to its note and back.
    for (let at = 1; at <= 8; at++) {
      expect(html).toContain(`<a href="#sources--fn-cite-${at}" id="sources--fnref-cite-${at}" data-footnote-ref`);
      expect(html).toContain(`<a href="#sources--fnref-cite-${at}" data-footnote-backref`);
    }
    expect(references(out, 'en')).toHaveLength(6);
    // The PDF prints the marks in the text and the notes, numbered, after the chapter.
    const printed = spawnSync('pdftotext', ['-layout', join(out, 'whitepaper-en.pdf'), '-'], {
      encoding: 'utf8',
    }).stdout.replace(/[ \t]+/g, ' ');
    expect(printed).toContain('agree with a thesis,3 two Chinese works4 and');
    expect(printed).not.toContain('..');
    expect(printed).toMatch(/\n ?6\. Nakamura, Regional Data for Planners\.\n/);
    expect(printed).toMatch(/\n ?9\. A note that cites Müller, “Energiewende in Südostasien” itself\.\n/);
  });
});

describe('biblatex', () => {
  test('macros, dates, journaltitle, location, crossref, xdata, sets and LaTeX reach the references; broken entries are reported', async () => {
    const root = join(fixtures, 'scholarly', 'biblatex');
    const out = join(temp, 'biblatex');
    const result = await build({ ...sharedBrowser, root, out, htmlOnly: true, cacheDir: false });
    expectFile(join(root, 'expected.txt'), formatReport(result.files));
    expectFile(
      join(root, 'expected-references.html'),
      main(readFileSync(join(out, 'site', 'references.html'), 'utf8')),
    );
    expectFile(
      join(root, 'expected-chapter.html'),
      main(readFileSync(join(out, 'site', 'chapters', 'sources.html'), 'utf8')),
    );
    const text = readFileSync(join(out, 'site', 'references.html'), 'utf8');
    for (const printed of [
      'Journal of Sustainable Technology',
      'Asia Science Press',
      'Forum Press',
      'Proceedings of the Asian Forum',
      'The TeX Book',
      '“Leaving No One Behind”',
      'Research report',
      'European patent',
      'PhD thesis',
      'ADB.',
      '(2021)',
      '(2019)',
      '(2020)',
      '(2018)',
      '(2022)',
      '(2017)',
      '(2024)',
    ]) {
      expect([printed, text.includes(printed)]).toEqual([printed, true]);
    }
    expect(text).not.toContain('n.d.');
    expect(text).not.toContain('\\');
  });

  test('a broken entry that is cited is an error, at the entry and at the citation', async () => {
    const root = join(temp, 'biblatex-cited');
    cpSync(join(fixtures, 'scholarly', 'biblatex'), root, { recursive: true });
    writeFileSync(
      join(root, 'chapters', '01-sources.md'),
      '---\ntitle: Sources\n---\n\nA broken work [@unclosed2020].\n',
    );
    const report = formatReport((await check({ root })).files);
    expect(report).toMatch(
      /5:15-5:30 +error +Unexpected citation of `@unclosed2020`, whose entry in `references.bib` could not be read \(line 94\): expected a valid entry +citation-broken/,
    );
    expect(report).toMatch(
      /94:1 +error +Unexpected bibliography entry `unclosed2020`, left out: expected `}` closing the entry before the next entry/,
    );
  });

  test('fields as real .bib files have them: lists, numbers, ranges, `and others` as "et al." the style\'s way', async () => {
    const root = join(fixtures, 'scholarly', 'real-bib');
    const out = join(temp, 'real-bib');
    const result = await build({ ...sharedBrowser, root, out, htmlOnly: true, cacheDir: false });
    expectFile(join(root, 'expected.txt'), formatReport(result.files));
    expectFile(
      join(root, 'expected-references.html'),
      main(readFileSync(join(out, 'site', 'references.html'), 'utf8')),
    );
    const chapter = main(readFileSync(join(out, 'site', 'chapters', 'sources.html'), 'utf8'));
    expect(chapter).toContain('(Nakamura et al., 2021)');
    expect(chapter).toContain('(Lee, 2019; Nakamura et al., 2021)');
  });

  test('a crossref cycle and a set of sets are located errors; a cited one also at the citation', async () => {
    const root = join(temp, 'real-bib-cycles');
    cpSync(join(fixtures, 'scholarly', 'real-bib'), root, { recursive: true });
    writeFileSync(
      join(root, 'references.bib'),
      `${readFileSync(join(root, 'references.bib'), 'utf8')}
@incollection{part, crossref = {whole}, author = {Part, Ann}, title = {A Part}, pages = {1--2}}

@collection{whole, crossref = {part}, editor = {Whole, Ed}, title = {The Whole}, year = 2019}

@set{sets, entryset = {both, talk}}
`,
    );
    writeFileSync(
      join(root, 'chapters', '01-sources.md'),
      '---\ntitle: Sources\n---\n\nA part [@part] of sets [@sets].\n',
    );
    const report = formatReport((await check({ root })).files);
    for (const line of [
      /5:8-5:15 +error +Unexpected citation of `@part`, whose entry in `references.bib` could not be read \(line 61\)/,
      /5:24-5:31 +error +Unexpected citation of `@sets`/,
      /61:1 +error +Unexpected bibliography entry `part`, left out: expected `crossref` to lead to an entry that does not lead back \(`part` → `whole` → `part`\)/,
      /63:1 +error +Unexpected bibliography entry `whole`, left out: expected `crossref` to lead to an entry that does not lead back/,
      /65:1 +error +Unexpected bibliography entry `sets`, left out: expected `entryset` to name entries, not sets \(`both`\)/,
    ])
      expect(report).toMatch(line);
  });

  test('a set with a member the file lacks cites the members it has; a set without any is an error where it is cited, and the other citations stand', async () => {
    const root = join(temp, 'real-bib-set-members');
    cpSync(join(fixtures, 'scholarly', 'real-bib'), root, { recursive: true });
    writeFileSync(
      join(root, 'references.bib'),
      `${readFileSync(join(root, 'references.bib'), 'utf8')}
@set{some, entryset = {crowd, gone2020}}

@set{none, entryset = {gone2020}}
`,
    );
    writeFileSync(
      join(root, 'chapters', '01-sources.md'),
      '---\ntitle: Sources\n---\n\nSome [@some]. None [@none]. One [@crowd].\n',
    );
    const report = formatReport((await check({ root })).files);
    expect(report).toMatch(
      /5:20-5:27 +error +Unexpected citation of `@none`, whose entry in `references.bib` could not be read/,
    );
    expect(report).toMatch(
      /warning +Unexpected member `gone2020` of `@set` `some`, expected keys of readable entries: left out of the set/,
    );
    expect(report).toMatch(
      /63:1 +error +Unexpected member `gone2020` of `@set` `none`, expected keys of readable entries: the set is left out/,
    );
    expect(report).not.toMatch(/citation-style|`@some`|`@crowd`/);
    writeFileSync(join(root, 'chapters', '01-sources.md'), '---\ntitle: Sources\n---\n\nSome [@some]. One [@crowd].\n');
    const out = join(temp, 'real-bib-set-members-out');
    await build({ ...sharedBrowser, root, out, htmlOnly: true, cacheDir: false });
    const chapter = readFileSync(join(out, 'site', 'chapters', 'sources.html'), 'utf8');
    expect(chapter.match(/\(Nakamura et al\., 2021\)/g)).toHaveLength(2);
  });

  test('an entry citeproc still refuses costs that entry only: reported at its line and at its citation', async () => {
    const file = new VFile({ path: 'references.bib', value: '@book{good}\n\n@book{bad}\n' });
    const settingsFile = new VFile({ path: 'whitepaper.yaml', value: 'citationStyle: apa\n' });
    // What citation-js makes of `language = {a and b}`, as it was before it was made valid CSL-JSON.
    const bibliography = {
      file,
      items: new Map<string, CslItem>([
        ['good', { id: 'good', type: 'book', title: 'Good', issued: { 'date-parts': [[2020]] } }],
        ['bad', { id: 'bad', type: 'book', title: 'Bad', language: ['la', 'de'] }],
      ]),
      sets: new Map<string, string[]>(),
      broken: new Map(),
      places: new Map([
        ['good', { line: 1, column: 1 }],
        ['bad', { line: 3, column: 1 }],
      ]),
    };
    const settings = { citationStyle: 'apa', translations: {} } as unknown as BookSettings;
    const citations = await openCitations({
      root: temp,
      settings,
      settingsFile,
      bibliography,
      languages: ['en'],
      mode: 'local',
      editionSettings: () => settings,
    });
    const chapter = new VFile({ path: 'chapters/01-x.md' });
    const cite = (id: string, line: number): Citation =>
      ({
        id: `c${line}`,
        items: [{ id }],
        mode: 'parenthetical',
        position: { start: { line, column: 1 }, end: { line, column: 8 } },
      }) as unknown as Citation;
    const cited = await citations.cite('en', [
      { file: chapter, citation: cite('good', 1) },
      { file: chapter, citation: cite('bad', 2) },
    ]);
    await citations.close();
    expect(cited.citations.get('c1')?.html).toBe('(<i>Good</i>, 2020)');
    expect(settingsFile.messages).toEqual([]);
    expect(
      file.messages.map((message) => `${message.line}:${message.column} ${String(message.fatal)} ${message.ruleId}`),
    ).toEqual(['3:1 true bibliography-parse']);
    expect(chapter.messages.map((message) => `${message.line}:${message.column} ${message.ruleId}`)).toEqual([
      '2:1 citation-broken',
    ]);
  });
});
