/**
 * A deterministic corpus of the project's own: `small` (8 chapters, 40 cases), `large`
 * (30 chapters, 300 cases, 900+ printed pages) and `huge` (the same with 1,000 cases), with headings, long paragraphs, GFM tables,
 * footnotes, images, citations, cross-references, and Chinese, Japanese or Korean text in about
 * one case in ten. The same seed gives the same bytes.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Corpus sizes. */
export const sizes = {
  small: { chapters: 8, sectionsPerChapter: 5, paragraphsPerSection: 5, cases: 40 },
  large: { chapters: 30, sectionsPerChapter: 6, paragraphsPerSection: 4, cases: 300 },
  /** For the scaling row only: the large book with 1,000 cases. */
  huge: { chapters: 30, sectionsPerChapter: 6, paragraphsPerSection: 4, cases: 1000 },
} as const;

export type Size = keyof typeof sizes;

/** mulberry32: a small, fast, seeded generator. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const words = (
  'digital infrastructure sustainable development goals alliance technology policy data energy water climate resilience ' +
  'governance ethics investment platform payment network region city village school hospital supplier emissions disclosure ' +
  'measurement adoption affordability coverage innovation research cooperation standard framework evidence outcome impact ' +
  'community women youth farmers workers firms markets trade finance capital transition renewable storage grid mobile'
).split(' ');
const cjk = [
  '数字经济是推动可持续发展的重要力量。',
  '日本の中小企業は排出量の報告に多くの時間を費やしています。',
  '지역 사회는 홍수 경보 시스템으로 더 많은 시간을 얻었습니다.',
];
const countries = ['SG', 'JP', 'CN', 'IN', 'ID', 'VN', 'KR', 'TH', 'MY', 'PH', 'BD', 'LK', 'KZ', 'MN', 'NP'];
const committees = ['technology-ethics', 'esg', 'digital-economy', 'metaverse'];

/**
 * Write a corpus.
 *
 * @param folder Where; emptied first.
 * @param size Which size.
 * @param seed Seed of the generator.
 */
export function writeCorpus(folder: string, size: Size, seed = 2026): void {
  const spec = sizes[size];
  const next = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const sentence = () => {
    const length = 12 + Math.floor(next() * 14);
    const text = Array.from({ length }, () => pick(words)).join(' ');
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = (sentences = 5 + Math.floor(next() * 4)) => Array.from({ length: sentences }, sentence).join(' ');
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(join(folder, 'chapters', 'images'), { recursive: true });
  mkdirSync(join(folder, 'cases'), { recursive: true });

  const references = Array.from({ length: 40 }, (_, index) => `ref${index + 1}`);
  writeFileSync(
    join(folder, 'references.bib'),
    references
      .map(
        (key, index) =>
          `@report{${key},\n  author = {{Institute ${index + 1}}},\n  title = {Report on ${pick(words)} and ${pick(words)}},\n  institution = {Institute ${index + 1}},\n  year = {${2015 + (index % 10)}}\n}\n`,
      )
      .join('\n'),
  );
  for (let index = 1; index <= 6; index++) {
    const bars = Array.from(
      { length: 6 },
      (_, bar) =>
        `<rect x="${20 + bar * 60}" y="${200 - (bar + index) * 20}" width="40" height="${(bar + index) * 20}" fill="#0b5c8a"/>`,
    ).join('');
    writeFileSync(
      join(folder, 'chapters', 'images', `chart-${index}.svg`),
      `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="220" viewBox="0 0 400 220">${bars}</svg>\n`,
    );
  }

  writeFileSync(
    join(folder, 'whitepaper.yaml'),
    [
      `title: Benchmark Book (${size})`,
      'subtitle: A generated corpus for measuring the pipeline',
      'edition: Benchmark',
      'publisher: Tech4SDG',
      'date: 2026-01-01',
      'language: en',
      'name: bench',
      'bibliography: references.bib',
      'listOfFigures: true',
      'listOfTables: true',
      '',
    ].join('\n'),
  );

  for (let chapter = 1; chapter <= spec.chapters; chapter++) {
    const parts = [
      `---\ntitle: Chapter on ${pick(words)} and ${pick(words)} ${chapter}\nsummary: ${sentence()}\n---\n`,
    ];
    for (let section = 1; section <= spec.sectionsPerChapter; section++) {
      parts.push(
        `## Section ${chapter}.${section}: ${pick(words)} ${pick(words)}${section === 1 ? ` {#sec:c${chapter}}` : ''}\n`,
      );
      for (let p = 0; p < spec.paragraphsPerSection; p++) {
        let text = paragraph();
        if (p === 1)
          text += ` As [@${pick(references)}, p. ${1 + Math.floor(next() * 90)}] shows, see @fig:c${chapter}s${section}.`;
        if (p === 2) text += `[^n${section}]`;
        if (p === 3 && chapter > 1) text += ` Compare @sec:c${chapter - 1} and @tbl:c${chapter}s${section}.`;
        parts.push(`${text}\n`);
      }
      parts.push(
        `![A bar chart for section ${section}](images/chart-${1 + (section % 6)}.svg "Figure data for section ${chapter}.${section}"){#fig:c${chapter}s${section}}\n`,
      );
      parts.push(
        `| Economy | Value | Change |\n| :------ | ----: | -----: |\n${Array.from({ length: 4 }, () => `| ${pick(countries)} | ${Math.floor(next() * 100)}% | ${Math.floor(next() * 20) - 10} |`).join('\n')}\n\nTable: Values for section ${chapter}.${section} {#tbl:c${chapter}s${section}}\n`,
      );
      parts.push(`[^n${section}]: ${sentence()}\n`);
    }
    writeFileSync(
      join(folder, 'chapters', `${String(chapter).padStart(2, '0')}-chapter-${chapter}.md`),
      parts.join('\n'),
    );
  }

  const tiers: string[][] = [[], [], []];
  for (let item = 1; item <= spec.cases; item++) {
    const slug = `case-${String(item).padStart(3, '0')}`;
    const sdgs = [...new Set(Array.from({ length: 1 + Math.floor(next() * 3) }, () => 1 + Math.floor(next() * 17)))];
    const withCjk = item % 10 === 0;
    const organization = withCjk ? `${pick(['东方', '日本', '한국'])}技术研究院 ${item}` : `Organisation ${item}`;
    const body = [
      '## Background',
      paragraph(),
      withCjk ? pick(cjk) : paragraph(3),
      '## Solution',
      paragraph(),
      `| Measure | Before | After |\n| ------- | -----: | ----: |\n| ${pick(words)} | ${Math.floor(next() * 50)} | ${50 + Math.floor(next() * 50)} |`,
      '## Impact',
      `${paragraph()} [@${pick(references)}]`,
    ].join('\n\n');
    writeFileSync(
      join(folder, 'cases', `${slug}.md`),
      `---\ntitle: Case study ${item} on ${pick(words)} ${pick(words)}\norganization: ${organization}\ncountry: ${pick(countries)}\nsdgs: [${sdgs.join(', ')}]\ncommittee: ${pick(committees)}\nsummary: ${sentence()}\ncontact:\n  name: Contact ${item}\n  email: contact${item}@example.org\n---\n\n${body}\n`,
    );
    if (item % 20 === 0) tiers[item % 60 === 0 ? 0 : item % 40 === 0 ? 1 : 2]?.push(slug);
  }
  writeFileSync(
    join(folder, 'cases', 'awards.yaml'),
    `tiers:\n${['grand', 'excellence', 'commendation'].map((id, index) => `  - id: ${id}\n    label: ${id[0]?.toUpperCase()}${id.slice(1)} Award\n    cases: [${(tiers[index] ?? []).join(', ')}]\n`).join('')}`,
  );
}
