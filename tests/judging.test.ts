/**
 * The award decision: assignments that honour conflicts and balance the load, score sheets read
 * with located errors, normalised results, and awards checked against the ranking.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { VFile } from 'vfile';
import { build, check } from '../pipeline/index.js';
import { assignCases, formatResults, listResults, proposeAwards } from '../pipeline/judges.js';
import { assignJudges } from '../pipeline/judging/assign.js';
import { judgingResults, proposeTiers, type CaseResult } from '../pipeline/judging/results.js';
import { parseCsv, readSheet } from '../pipeline/judging/scores.js';
import { screeningOutcomes } from '../pipeline/judging/screening.js';
import { conflicted, type Criteria, type Judge } from '../pipeline/judging/settings.js';
import { formatReport } from '../pipeline/report.js';
import { fixtures, sharedBrowser } from './helpers.js';

const temp = mkdtempSync(join(tmpdir(), 'whitepaper-judging-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** One criterion on a scale of 1 to 5: a judge's total is their score. */
const oneCriterion: Criteria = {
  criteria: [{ id: 'merit', label: 'Merit', weight: 1, scale: [1, 5], guide: ['1', '2', '3', '4', '5'] }],
  judgesPerCase: 2,
  blind: true,
  disagreement: 0.4,
  awardRules: [],
};
const sheet = (judge: string, slug: string, merit: number) => ({ judge, case: slug, scores: { merit }, comment: '' });
const cases = ['a', 'b', 'c', 'd', 'e'].map((slug) => ({ slug, organization: `Org ${slug}`, committee: 'esg' }));

/** The check fixture's book with a second case, of another organisation, at `root`. */
function twoCases(root: string): void {
  cpSync(join(fixtures, 'check', 'valid'), root, { recursive: true });
  const caseText = readFileSync(join(root, 'cases', 'good-case.md'), 'utf8');
  writeFileSync(
    join(root, 'cases', 'second-case.md'),
    caseText.replace('A Good Case Study', 'A Second Case Study').replace('Good Org', 'Second Org'),
  );
}

describe('results', () => {
  test('a harsh and a lenient judge rank alike: normalised by hand', () => {
    // The harsh judge gives 1, 2, 3; the lenient 3, 4, 4. Means 2 and 3.667, deviations 0.8165
    // and 0.4714: d (3 from the harsh judge) is 1.2247 above that judge's mean; e (4 from the
    // lenient one) only 0.7071 above theirs. By plain means e (4) would beat d (3).
    const { cases: results, judges } = judgingResults(
      [
        sheet('harsh', 'a', 1),
        sheet('harsh', 'b', 2),
        sheet('harsh', 'd', 3),
        sheet('lenient', 'a', 3),
        sheet('lenient', 'b', 4),
        sheet('lenient', 'e', 4),
      ],
      oneCriterion,
      cases,
    );
    expect(judges.map(({ judge, mean, spread }) => [judge, mean.toFixed(4), spread.toFixed(4)])).toEqual([
      ['harsh', '2.0000', '0.8165'],
      ['lenient', '3.6667', '0.4714'],
    ]);
    expect(results.map(({ slug, mean, normalized }) => [slug, mean, normalized.toFixed(4)])).toEqual([
      ['d', 3, '1.2247'],
      ['e', 4, '0.7071'],
      ['b', 3, '0.3536'],
      ['a', 2, '-1.3195'],
    ]);
    expect(results.map(({ rank }) => rank.overall)).toEqual([1, 2, 3, 4]);
  });

  test('ties, high disagreement and too few judges are flagged', () => {
    const { cases: results } = judgingResults(
      [
        sheet('x', 'a', 4),
        sheet('x', 'b', 4),
        sheet('x', 'c', 1),
        sheet('y', 'a', 4),
        sheet('y', 'b', 4),
        sheet('y', 'c', 5),
      ],
      oneCriterion,
      cases,
    );
    const flags = Object.fromEntries(results.map((result) => [result.slug, result.flags]));
    expect(flags).toEqual({ a: ['tie'], b: ['tie'], c: ['disagreement'] });
    const [only] = judgingResults([sheet('x', 'a', 3)], oneCriterion, cases).cases;
    expect(only?.flags).toEqual(['few-judges']);
  });
});

describe('tiers proposed from the ranking', () => {
  test('each rule in order: the best `top` of each committee (or overall) not yet given a tier, at or above its minimum', () => {
    const result = (slug: string, committee: string, mean: number) =>
      ({ slug, committee, mean, proposed: null }) as unknown as CaseResult;
    // Best first overall, as the results are.
    const ranked = [
      result('a', 'esg', 4.8),
      result('b', 'esg', 4.5),
      result('c', 'metaverse', 4.2),
      result('d', 'metaverse', 3.1),
      result('e', 'esg', 2.0),
    ];
    proposeTiers(ranked, [
      { tier: 'grand', top: 1, of: 'overall' },
      { tier: 'excellence', top: 1, of: 'committee', minimum: 3.5 },
      { tier: 'commendation', top: 5, of: 'overall', minimum: 3 },
    ]);
    expect(ranked.map((item) => `${item.slug} ${item.proposed ?? '-'}`)).toEqual([
      'a grand',
      'b excellence',
      'c excellence',
      'd commendation',
      'e -',
    ]);
  });
});

describe('assignments', () => {
  const judgeArbitrary = fc.record({
    id: fc.stringMatching(/^[a-z]{1,6}$/),
    organization: fc.constantFrom('Org a', 'Org b', 'ORG-C', 'Elsewhere', 'Another'),
    committees: fc.subarray(['esg', 'metaverse'] as const, { minLength: 1 }),
    conflicts: fc.subarray(['a', 'b', 'c', 'd', 'e']),
  });
  const judgesArbitrary = fc.uniqueArray(judgeArbitrary, { selector: (judge) => judge.id, minLength: 1, maxLength: 8 });

  test('never a conflict; each case gets the judges it needs or is said to lack them; the same input in any order gives the same assignment', () => {
    fc.assert(
      fc.property(judgesArbitrary, fc.integer({ min: 1, max: 4 }), (judges, perCase) => {
        const full = judges.map((judge) => ({ ...judge, name: judge.id })) as Judge[];
        const assignment = assignJudges(cases, full, perCase);
        for (const [id, slugs] of assignment.byJudge) {
          const judge = full.find((candidate) => candidate.id === id);
          for (const slug of slugs) {
            const item = cases.find((candidate) => candidate.slug === slug);
            expect(judge && item && conflicted(judge, item)).toBe(false);
            expect(judge?.committees).toContain(item?.committee);
          }
        }
        for (const item of cases) {
          const got = [...assignment.byJudge.values()].filter((slugs) => slugs.includes(item.slug)).length;
          const lacking = assignment.unmet.some((line) => line.startsWith(`\`${item.slug}\``));
          expect(got === perCase || lacking).toBe(true);
        }
        const again = assignJudges([...cases].reverse(), [...full].reverse(), perCase);
        expect([...again.byJudge]).toEqual([...assignment.byJudge]);
      }),
      { numRuns: 200 },
    );
  });

  test('without conflicts the load is balanced: no judge has two cases more than another', () => {
    const judges = ['p', 'q', 'r', 's'].map((id) => ({
      id,
      name: id,
      organization: id,
      committees: ['esg' as const],
      conflicts: [],
    }));
    for (const perCase of [1, 2, 3]) {
      const loads = [...assignJudges(cases, judges, perCase).byJudge.values()].map((slugs) => slugs.length);
      expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
      expect(loads.reduce((a, b) => a + b, 0)).toBe(cases.length * perCase);
    }
  });
});

describe('a judging round in a book', () => {
  const root = join(temp, 'book');

  test('assign writes assignments that check reads; sheets give results; the awards are checked against the ranking', async () => {
    twoCases(root);
    mkdirSync(join(root, 'judging', 'scores'), { recursive: true });
    writeFileSync(
      join(root, 'judging', 'criteria.yaml'),
      'criteria:\n  - id: impact\n    label: Impact\n    translations: { zh: 影响 }\n    weight: 2\n    scale: [1, 3]\n    guide: [None, Some, Much]\n  - id: novelty\n    label: Novelty\n    weight: 1\n    scale: [1, 3]\n    guide: [Known, Adapted, New]\njudgesPerCase: 2\n',
    );
    writeFileSync(
      join(root, 'judging', 'judges.yaml'),
      [
        'judges:',
        '  - { id: ann, name: Ann, organization: "good org", committees: [technology-ethics] }',
        '  - { id: bo, name: Bo, organization: Lab B, committees: [technology-ethics] }',
        '  - { id: cy, name: Cy, organization: Lab C, committees: [technology-ethics], conflicts: [second-case] }',
        '  - { id: di, name: Di, organization: Lab D, committees: [technology-ethics] }',
        '',
      ].join('\n'),
    );
    const assignment = await assignCases({ root });
    expect(assignment.scored.unmet).toEqual([]);
    // Ann belongs to Good Org, Cy declared a conflict with the second case.
    expect(Object.fromEntries(assignment.scored.byJudge)).toEqual({
      ann: ['second-case'],
      bo: ['good-case'],
      cy: ['good-case'],
      di: ['second-case'],
    });
    expect(readFileSync(join(root, 'judging', 'assignments.yaml'), 'utf8')).toBe(
      '# Written by `whitepaper judging assign`: judge → the cases they score.\nassignments:\n  ann: [second-case]\n  bo: [good-case]\n  cy: [good-case]\n  di: [second-case]\n',
    );
    writeFileSync(
      join(root, 'judging', 'scores', 'bo.csv'),
      'case,impact,novelty,comment\r\ngood-case,3,2,"Strong, measured"\r\n',
    );
    writeFileSync(join(root, 'judging', 'scores', 'cy.csv'), 'case,impact,novelty,comment\ngood-case,3,3,\n');
    writeFileSync(join(root, 'judging', 'scores', 'di.csv'), 'case,impact,novelty,comment\nsecond-case,1,2,\n');
    writeFileSync(
      join(root, 'judging', 'scores', 'ann.csv'),
      'case,impact,novelty,comment\nsecond-case,2,1,\ngood-case,3,3,\n',
    );
    // Ann scored the case of her own organisation: an error at its row, and the row is not counted.
    const checked = await check({ root });
    expect(formatReport(checked.files, { format: 'compact' })).toBe(
      'judging/scores/ann.csv:3:1: error Unexpected score of `good-case` by `ann`, who has a conflict of interest with it: the row is not counted [judging-conflict]\n',
    );
    writeFileSync(join(root, 'judging', 'scores', 'ann.csv'), 'case,impact,novelty,comment\nsecond-case,2,1,\n');
    const results = await listResults({ root });
    expect(
      results.cases.map(({ slug, judges, mean, rank }) => [slug, judges, mean.toFixed(3), rank.committee]),
    ).toEqual([
      ['good-case', 2, '2.833', 1],
      ['second-case', 2, '1.500', 2],
    ]);
    expect(formatResults(results).split('\n')[0]).toMatch(/^rank +case +committee/);
    // No rules, no proposal: the tiers the awards file will hold are named, empty of cases.
    expect(await proposeAwards({ root })).toBe(
      "# Proposed by `whitepaper judging propose` from the judges' ranking and the criteria's `awardRules`.\ntiers:\n",
    );
    writeFileSync(
      join(root, 'judging', 'criteria.yaml'),
      `${readFileSync(join(root, 'judging', 'criteria.yaml'), 'utf8')}awardRules:\n  - { tier: grand, top: 1, of: overall }\n`,
    );
    expect(await proposeAwards({ root })).toBe(
      "# Proposed by `whitepaper judging propose` from the judges' ranking and the criteria's `awardRules`.\ntiers:\n  - id: grand\n    label: grand\n    cases: [good-case]\n",
    );
    // An award to the second case alone departs from the ranking: a warning, until the tier says why.
    const awards = 'tiers:\n  - id: grand\n    label: Grand Award\n    cases: [second-case]\n';
    writeFileSync(join(root, 'cases', 'awards.yaml'), awards);
    expect(formatReport((await check({ root })).files, { format: 'compact' })).toContain(
      "cases/awards.yaml:4:13: warning Unexpected award of `second-case` (ranked 2 in `technology-ethics`) above `good-case` (ranked 1), expected the judges' order or a `reason:` for the tier [awards-ranking]",
    );
    writeFileSync(
      join(root, 'cases', 'awards.yaml'),
      `${awards}    reason: The first case was withdrawn by its organisation.\n`,
    );
    expect(formatReport((await check({ root })).files, { format: 'compact' })).toBe('');
  });

  test('an HTML-only build writes the editors’ judging report and a blank sheet per judge; no score reaches the site, the compendium says how the awards were decided', async () => {
    const out = join(temp, 'book-out');
    await build({ root, out, htmlOnly: true, cacheDir: false });
    const report = readFileSync(join(out, 'editors', 'judging.html'), 'utf8');
    const ranking = [
      ...report.matchAll(
        /<tr data-status="([^"]+)">\s*<td class="number" data-value="(\d+)">\d+<\/td>\s*<td data-value="([^"]+)">/g,
      ),
    ].map(([, status, rank, slug]) => `${rank} ${slug} ${status}`);
    expect(ranking).toEqual(['1 good-case ok', '2 second-case ok']);
    expect(report).toContain('<td>Bo <code>bo</code></td><td class="number">1</td>');
    expect(readFileSync(join(out, 'editors', 'index.html'), 'utf8')).toContain(
      '<a href="judging.html">Judging report</a>',
    );
    expect(readFileSync(join(out, 'judging', 'cy.csv'), 'utf8')).toBe(
      'case,impact,novelty,comment\r\ngood-case,,,\r\n',
    );
    const site = readdirSync(join(out, 'site'), { recursive: true, encoding: 'utf8' })
      .filter((name) => name.endsWith('.html'))
      .map((name) => readFileSync(join(out, 'site', name), 'utf8'))
      .join('\n');
    expect(site).not.toMatch(/Strong, measured|judging/i);
    // The compendium says how the awards were decided, from the settings and counts alone.
    const compendium = readFileSync(join(out, 'site', 'cases', 'index.html'), 'utf8');
    expect(compendium).toContain(
      '<h2 class="awards-decided">How the awards were decided</h2>\n  <p>4 judges of the alliance’s committees scored 2 cases on Impact (weight 2), Novelty (weight 1). Each case was read by at least 2 judges of its committee; no judge scored a case of their own organisation or one they declared a conflict with (pairings left out: 2).',
    );
  });
});

describe('a screening round', () => {
  test('`any` passes a case one screener passes, `all` only a case every screener passes; a split is flagged; no verdict is waiting', () => {
    const verdict = (judge: string, slug: string, pass: boolean) => ({ judge, case: slug, pass, comment: '' });
    const verdicts = [
      verdict('p', 'a', true),
      verdict('q', 'a', false),
      verdict('p', 'b', false),
      verdict('q', 'c', true),
    ];
    const base = { label: 'Eligible', guide: ['In a member country'], judgesPerCase: 2 };
    const outcomes = (passWhen: 'any' | 'all') =>
      screeningOutcomes(verdicts, { ...base, passWhen }, cases.slice(0, 4)).map(
        (item) => `${item.slug} ${item.outcome}${item.split ? ' split' : ''}`,
      );
    expect(outcomes('any')).toEqual(['a passed split', 'b out', 'c passed', 'd waiting']);
    expect(outcomes('all')).toEqual(['a out split', 'b out', 'c passed', 'd waiting']);
  });

  test('screeners are assigned first; only the cases they pass are scored; a score or an award of a case left out is refused; the book says so', async () => {
    const root = join(temp, 'screened');
    twoCases(root);
    mkdirSync(join(root, 'judging', 'screening'), { recursive: true });
    writeFileSync(
      join(root, 'judging', 'criteria.yaml'),
      'criteria:\n  - id: impact\n    label: Impact\n    weight: 1\n    scale: [1, 3]\n    guide: [None, Some, Much]\njudgesPerCase: 1\nscreening:\n  label: Eligible for the award\n  translations: { zh: 符合参评条件 }\n  guide: [A project in a member country]\n',
    );
    writeFileSync(
      join(root, 'judging', 'judges.yaml'),
      'judges:\n  - { id: ann, name: Ann, organization: Lab A, committees: [technology-ethics] }\n  - { id: bo, name: Bo, organization: Lab B, committees: [technology-ethics] }\n',
    );
    const first = await assignCases({ root });
    expect(Object.fromEntries(first.screening?.byJudge ?? [])).toEqual({ ann: ['good-case'], bo: ['second-case'] });
    expect(Object.fromEntries(first.scored.byJudge)).toEqual({ ann: [], bo: [] });
    expect(first.waiting).toEqual(['good-case', 'second-case']);
    // A verdict must be `pass` or `fail`, located at its cell.
    writeFileSync(join(root, 'judging', 'screening', 'ann.csv'), 'case,verdict,comment\ngood-case,yes,\n');
    writeFileSync(
      join(root, 'judging', 'screening', 'bo.csv'),
      'case,verdict,comment\nsecond-case,fail,Outside the region\n',
    );
    expect(formatReport((await check({ root })).files, { format: 'compact' })).toBe(
      'judging/screening/ann.csv:2:11: error Unexpected verdict `yes` for `good-case`, expected `pass` or `fail` [screening-verdict]\n',
    );
    writeFileSync(join(root, 'judging', 'screening', 'ann.csv'), 'case,verdict,comment\ngood-case,Pass,\n');
    const second = await assignCases({ root });
    expect(Object.fromEntries(second.scored.byJudge)).toEqual({ ann: ['good-case'], bo: [] });
    expect(second.waiting).toEqual([]);
    expect(readFileSync(join(root, 'judging', 'assignments.yaml'), 'utf8')).toBe(
      '# Written by `whitepaper judging assign`: judge → the cases they screen, and those they score.\nscreening:\n  ann: [good-case]\n  bo: [second-case]\nassignments:\n  ann: [good-case]\n  bo: []\n',
    );
    mkdirSync(join(root, 'judging', 'scores'));
    writeFileSync(join(root, 'judging', 'scores', 'ann.csv'), 'case,impact,comment\ngood-case,3,\nsecond-case,2,\n');
    writeFileSync(
      join(root, 'cases', 'awards.yaml'),
      'tiers:\n  - id: grand\n    label: Grand Award\n    cases: [second-case]\n',
    );
    expect(formatReport((await check({ root })).files, { format: 'compact' })).toBe(
      [
        'cases/awards.yaml:4:13: warning Unexpected award of `second-case`, which the screening round left out, expected a `reason:` for the tier [awards-screened-out]',
        'judging/scores/ann.csv:3:1: error Unexpected score of `second-case`, which the screening round left out: the row is not counted [scores-screened-out]',
        '',
      ].join('\n'),
    );
    writeFileSync(join(root, 'judging', 'scores', 'ann.csv'), 'case,impact,comment\ngood-case,3,\n');
    rmSync(join(root, 'cases', 'awards.yaml'));
    expect((await listResults({ root })).cases.map((item) => item.slug)).toEqual(['good-case']);
    const out = join(temp, 'screened-out');
    await build({ root, out, htmlOnly: true, cacheDir: false });
    expect(readFileSync(join(out, 'judging', 'screening', 'bo.csv'), 'utf8')).toBe(
      'case,verdict,comment\r\nsecond-case,,\r\n',
    );
    const report = readFileSync(join(out, 'editors', 'judging.html'), 'utf8');
    expect(report).toContain('1 passed, 1 left out, 0 waiting for a verdict');
    expect(report).toContain('<code>bo</code> fail: Outside the region');
    expect(readFileSync(join(out, 'site', 'cases', 'index.html'), 'utf8')).toContain(
      '<p>A screening round first read all 2 cases for one question, “Eligible for the award”; 1 passed it and went on to be scored.</p>',
    );
  });
});

/**
 * A workbook as Excel writes one: content types, relationships, the sheet named in the workbook,
 * text in shared strings (entities escaped), numbers as values, a style on each cell.
 */
function workbook(rows: readonly (readonly (string | number | null)[])[]): Uint8Array {
  const shared: string[] = [];
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const column = (index: number) => String.fromCharCode(65 + index);
  const sheet = rows
    .map(
      (row, r) =>
        `<row r="${r + 1}" spans="1:${row.length}">${row
          .map((value, c) => {
            const at = `${column(c)}${r + 1}`;
            if (value === null) return '';
            if (typeof value === 'number') return `<c r="${at}" s="1"><v>${value}</v></c>`;
            shared.push(value);
            return `<c r="${at}" s="1" t="s"><v>${shared.length - 1}</v></c>`;
          })
          .join('')}</row>`,
    )
    .join('');
  const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
  return zipSync({
    '[Content_Types].xml': strToU8(
      `${xml}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`,
    ),
    '_rels/.rels': strToU8(`${xml}<Relationships/>`),
    'xl/workbook.xml': strToU8(
      `${xml}<workbook xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets><sheet name="Scores" sheetId="1" r:id="rId3"/></sheets></workbook>`,
    ),
    'xl/_rels/workbook.xml.rels': strToU8(
      `${xml}<Relationships><Relationship Id="rId1" Target="styles.xml"/><Relationship Id="rId3" Type="worksheet" Target="worksheets/scores.xml"/></Relationships>`,
    ),
    'xl/worksheets/scores.xml': strToU8(
      `${xml}<worksheet><cols><col min="1" max="1"/></cols><sheetData>${sheet}</sheetData></worksheet>`,
    ),
    'xl/sharedStrings.xml': strToU8(
      `${xml}<sst count="${shared.length}">${shared.map((text) => `<si><t xml:space="preserve">${escape(text)}</t></si>`).join('')}</sst>`,
    ),
  });
}

describe('score sheets saved as .xlsx', () => {
  const judge: Judge = { id: 'ann', name: 'Ann', organization: 'Lab A', committees: ['esg'], conflicts: [] };
  const known = new Map(cases.map((item) => [item.slug, item]));
  const read = (bytes: Uint8Array) => {
    const file = new VFile({ path: 'judging/scores/ann.xlsx', value: bytes });
    return { sheets: readSheet(file, judge, oneCriterion, known), report: formatReport([file], { format: 'compact' }) };
  };

  test('read as the same sheet in CSV: text from shared strings, numbers, an empty cell left out; a problem at its row and column', () => {
    const { sheets, report } = read(
      workbook([
        ['case', 'merit', 'comment'],
        ['a', 4, 'Strong & measured <2025>'],
        ['b', 2, null],
      ]),
    );
    expect(report).toBe('');
    expect(sheets).toEqual([
      { judge: 'ann', case: 'a', scores: { merit: 4 }, comment: 'Strong & measured <2025>' },
      { judge: 'ann', case: 'b', scores: { merit: 2 }, comment: '' },
    ]);
    expect(
      read(
        workbook([
          ['case', 'merit', 'comment'],
          ['a', 7, ''],
          ['zz', 3, ''],
        ]),
      ).report,
    ).toBe(
      [
        'judging/scores/ann.xlsx:2:2: error Unexpected score `7` for `merit` of `a`, expected a whole number from 1 to 5 [scores-range]',
        'judging/scores/ann.xlsx:3:1: error Unexpected case `zz`, expected the slug of a file in `cases/` [scores-case-unknown]',
        '',
      ].join('\n'),
    );
  });

  test('hostile workbooks are refused with a located message: not a zip, no sheet, a bomb in the sheet, too wide', () => {
    expect(read(strToU8('case,merit\na,3\n')).report).toBe(
      'judging/scores/ann.xlsx:1:1: error Unexpected file, expected a `.zip` archive [scores-format]\n',
    );
    expect(read(zipSync({ 'xl/workbook.xml': strToU8('<workbook/>') })).report).toBe(
      'judging/scores/ann.xlsx:1:1: error Unexpected workbook without its sheet `xl/worksheets/sheet1.xml` [scores-format]\n',
    );
    const bomb = zipSync({
      'xl/workbook.xml': strToU8('<workbook/>'),
      'xl/worksheets/sheet1.xml': new Uint8Array(64 * 1024 * 1024),
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(read(bomb).report).toContain('larger than 16777216 bytes unpacked, expected a smaller file [scores-format]');
    const wide = zipSync({
      'xl/workbook.xml': strToU8('<workbook/>'),
      'xl/worksheets/sheet1.xml': strToU8('<sheetData><row r="1"><c r="ZZZ1"><v>1</v></c></row></sheetData>'),
    });
    expect(read(wide).report).toBe(
      'judging/scores/ann.xlsx:1:1: error Unexpected cell in column 18278 of row 1, expected a score sheet of at most 100 columns [scores-format]\n',
    );
  });

  test('in a book: `check` reads a judge’s `.xlsx` beside the others, and refuses a second sheet of the same judge', async () => {
    const root = join(temp, 'xlsx-book');
    cpSync(join(fixtures, 'check', 'valid'), root, { recursive: true });
    mkdirSync(join(root, 'judging', 'scores'), { recursive: true });
    writeFileSync(
      join(root, 'judging', 'criteria.yaml'),
      'criteria:\n  - id: impact\n    label: Impact\n    weight: 1\n    scale: [1, 3]\n    guide: [None, Some, Much]\njudgesPerCase: 1\n',
    );
    writeFileSync(
      join(root, 'judging', 'judges.yaml'),
      'judges:\n  - { id: ann, name: Ann, organization: Lab A, committees: [technology-ethics] }\n',
    );
    writeFileSync(
      join(root, 'judging', 'scores', 'ann.xlsx'),
      workbook([
        ['case', 'impact', 'comment'],
        ['good-case', 3, 'Clear figures'],
      ]),
    );
    expect(formatReport((await check({ root })).files, { format: 'compact' })).toBe('');
    expect((await listResults({ root })).cases.map((item) => [item.slug, item.mean])).toEqual([['good-case', 3]]);
    writeFileSync(join(root, 'judging', 'scores', 'ann.csv'), 'case,impact,comment\ngood-case,2,\n');
    expect(formatReport((await check({ root })).files, { format: 'compact' })).toBe(
      'judging/scores/ann.xlsx:1:1: error Unexpected second sheet of `ann` (also `ann.csv`), expected one sheet per judge [scores-format]\n',
    );
  });

  test('any bytes, any sheet XML: reading never throws, and every message is located in the file', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 512 }), fc.string({ maxLength: 300 })), (input) => {
        const bytes =
          typeof input === 'string'
            ? zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': strToU8(input) })
            : input;
        const file = new VFile({ path: 'judging/scores/ann.xlsx', value: bytes });
        readSheet(file, judge, oneCriterion, known);
        for (const message of file.messages) expect(message.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('CSV as spreadsheets write it', () => {
  test('quotes, doubled quotes, CRLF, a BOM, a trailing empty cell; each cell where it starts', () => {
    const parsed = parseCsv('\uFEFFcase,comment\r\n"a","He said ""yes"",\nthen no",\r\nb,');
    expect(parsed).toEqual({
      rows: [
        [
          // The BOM is no column: editors do not show it.
          { value: 'case', line: 1, column: 1 },
          { value: 'comment', line: 1, column: 6 },
        ],
        [
          { value: 'a', line: 2, column: 1 },
          { value: 'He said "yes",\nthen no', line: 2, column: 5 },
          { value: '', line: 3, column: 10 },
        ],
        [
          { value: 'b', line: 4, column: 1 },
          { value: '', line: 4, column: 3 },
        ],
      ],
    });
    expect(parseCsv('case\n"open')).toEqual({ unclosed: { line: 2, column: 1 } });
  });

  test('any text: the parser never throws, and a sheet read from it gives only messages located in the file', () => {
    const judge = { id: 'tan', name: 'Tan', organization: 'Lab', committees: ['esg' as const], conflicts: [] };
    const known = new Map(cases.map((item) => [item.slug, item]));
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc
            .tuple(
              fc.array(
                fc.array(
                  fc.oneof(fc.constantFrom('case', 'merit', 'comment', 'a', 'b', '3', '9', '', '"'), fc.string()),
                  {
                    maxLength: 4,
                  },
                ),
                { maxLength: 6 },
              ),
              fc.constantFrom('\n', '\r\n'),
            )
            .map(([rows, end]) => rows.map((row) => row.join(',')).join(end)),
        ),
        (text) => {
          const lines = text.split('\n').length;
          const file = new VFile({ path: 'judging/scores/tan.csv', value: text });
          const sheets = readSheet(file, judge, oneCriterion, known);
          for (const message of file.messages) {
            expect(message.line).toBeGreaterThanOrEqual(1);
            expect(message.line).toBeLessThanOrEqual(lines);
          }
          for (const row of sheets) expect(row.scores['merit']).toBeGreaterThanOrEqual(1);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('judges’ packets', () => {
  test('each judge’s PDF holds exactly their cases, blind: no organisation, website or country in its text; the criteria with their guides', async () => {
    const root = join(temp, 'packets');
    cpSync(join(fixtures, 'check', 'valid'), root, { recursive: true });
    const caseText = readFileSync(join(root, 'cases', 'good-case.md'), 'utf8').replace(
      '## Solution\n\nS.',
      '## Solution\n\nGood Org built it in Singapore; see [our site](https://example.org/pumps) or GOOD ORG’s report at example.org.',
    );
    writeFileSync(join(root, 'cases', 'good-case.md'), caseText);
    writeFileSync(
      join(root, 'cases', 'second-case.md'),
      caseText
        .replaceAll('A Good Case Study', 'A Second Case Study')
        .replaceAll('Good Org', 'Second Org')
        .replaceAll('GOOD ORG', 'SECOND ORG'),
    );
    mkdirSync(join(root, 'judging'), { recursive: true });
    writeFileSync(
      join(root, 'judging', 'criteria.yaml'),
      'criteria:\n  - id: impact\n    label: Impact\n    weight: 1\n    scale: [1, 3]\n    guide: [No change shown, Some change, Measured change]\njudgesPerCase: 1\nscreening:\n  label: Eligible\n  guide: [Running for at least a year]\n',
    );
    writeFileSync(
      join(root, 'judging', 'judges.yaml'),
      'judges:\n  - { id: ann, name: Ann Lee, organization: Lab A, committees: [technology-ethics] }\n  - { id: bo, name: Bo Chen, organization: Lab B, committees: [technology-ethics] }\n',
    );
    // Screened first (Ann the first case, Bo the second), then both passed and scored.
    mkdirSync(join(root, 'judging', 'screening'));
    writeFileSync(join(root, 'judging', 'screening', 'ann.csv'), 'case,verdict\ngood-case,pass\n');
    writeFileSync(join(root, 'judging', 'screening', 'bo.csv'), 'case,verdict\nsecond-case,pass\n');
    await assignCases({ root });
    const out = join(temp, 'packets-out');
    await build({ ...sharedBrowser, root, out, cacheDir: false });
    const texts = Object.fromEntries(
      ['ann', 'bo'].map((judge) => [
        judge,
        execFileSync('pdftotext', ['-layout', join(out, 'judging', `${judge}.pdf`), '-'], { encoding: 'utf8' }),
      ]),
    );
    expect(texts['ann']).toContain('Cases to score: Ann Lee');
    expect(texts['ann']).toContain('A Good Case Study');
    expect(texts['ann']).not.toContain('Second Case');
    expect(texts['bo']).toContain('A Second Case Study');
    expect(texts['bo']).not.toContain('A Good Case Study');
    for (const text of Object.values(texts)) {
      expect(text).toContain('Measured change');
      expect(text).not.toMatch(/Good Org|Second Org|GOOD ORG|example\.org|Singapore/i);
    }
    expect(texts['ann']).toContain('■■■ built it in ■■■; see our site or ■■■’s report at ■■■.');
    // The screening packet: the question and its conditions, the cases to screen, blind too.
    const screening = execFileSync('pdftotext', ['-layout', join(out, 'judging', 'screening', 'bo.pdf'), '-'], {
      encoding: 'utf8',
    });
    expect(screening).toContain('Cases to screen: Bo Chen');
    expect(screening).toContain('Running for at least a year');
    expect(screening).not.toContain('Measured change');
    expect(screening).toContain('A Second Case Study');
    expect(screening).not.toMatch(/A Good Case Study|Second Org|example\.org/i);
    expect(readFileSync(join(out, 'judging', 'ann.csv'), 'utf8')).toBe('case,impact,comment\r\ngood-case,,\r\n');
  });
});
