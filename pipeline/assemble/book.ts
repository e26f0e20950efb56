/**
 * Validated, transformed files → the `Book`: order, numbering, awards, assets.
 */
import { inlineTitle } from './title.js';
import type { Root as HastRoot } from 'hast';
import { join, relative, sep } from 'node:path';
import type { VFile } from 'vfile';
import { error, warn } from '../model/message.js';
import { autospaced, spacedIn, type Labels } from '../data/languages/index.js';
import type { Asset, AwardTier, Book, BookSettings, CaseStudy, Changes, Chapter } from '../model/types.js';
import type { Awards } from '../model/types.js';
import { locator } from '../load/front-matter.js';
import { resolveXrefs } from './xref.js';
import { resolveLinks } from './links.js';
import { noCitations } from '../citations/format.js';
import type { CaseHead } from '../validate/case-study.js';
import type { ChapterHead } from '../validate/chapter.js';
import { pages } from './pages.js';

/** A file that passed validation, with its transformed body. */
export interface ValidFile<Head> {
  file: VFile;
  head: Head;
  content: HastRoot;
}

/** Everything `assembleBook` puts together. */
export interface BookInputs {
  /** Settings of the edition: `language` is the edition's (see `editionSettings`). */
  settings: BookSettings;
  /** The edition's chapters (see `editionChapters`). */
  chapters: ValidFile<ChapterHead>[];
  cases: ValidFile<CaseHead>[];
  awards: Awards;
  /** Fixed text in the edition's language. */
  labels: Labels;
  /** Languages of every edition, the main one first. */
  editions: readonly string[];
  /** The main language's chapter files by slug, for links into translations. */
  originals?: ReadonlyMap<string, VFile>;
  /** Content root: where the settings' images are. */
  root?: string;
}

/**
 * An image the settings name (`logo`, `coverImage`), as a file the site copies.
 *
 * @param root Content root.
 * @param path As the settings write it, relative to the root.
 * @returns The asset, at `assets/<path below the root>` like the chapters' images.
 */
export function settingsImage(root: string, path: string): Asset {
  const source = join(root, path);
  return { source, target: `assets/${relative(root, source).split(sep).join('/')}` };
}

/**
 * Put the book together. Chapters are sorted by their `NN-` prefix and numbered from 1; prefix
 * `00` marks unnumbered front matter such as a foreword. Cases are ordered for the compendium:
 * awarded cases by tier (in the order the awards file lists the tiers), then the others, each
 * group by title.
 *
 * @param inputs Validated and transformed files, settings and awards.
 * @returns The book; cross-file problems are messages on the files.
 */
export function assembleBook(inputs: BookInputs): Book {
  const { settings, labels } = inputs;
  const language = settings.language;
  const main = inputs.editions[0] ?? language;
  const chapters = assembleChapters(inputs.chapters, main, language);
  const collator = new Intl.Collator(language);
  const translate = (tier: AwardTier): AwardTier => ({ ...tier, label: tier.translations[language] ?? tier.label });
  const tiers = inputs.awards.tiers.map(translate);
  const awards = new Map([...inputs.awards.byCase].map(([slug, tier]) => [slug, translate(tier)]));
  const tierRank = new Map(tiers.map((tier, index) => [tier.id, index]));
  const rank = (item: CaseStudy) => (item.award ? (tierRank.get(item.award.id) ?? 0) : tiers.length);
  const cases = inputs.cases
    .map(({ file, head, content }): CaseStudy => {
      const written = head.meta.language ?? main;
      const translation = head.meta.translations?.[language];
      const titleLanguage = translation?.title ? language : written;
      const summaryLanguage = translation?.summary ? language : written;
      return {
        ...head.meta,
        ...titleOf(spaced(translation?.title ?? head.meta.title, titleLanguage)),
        summary: spaced(translation?.summary ?? head.meta.summary, summaryLanguage),
        organization: spaced(head.meta.organization, written),
        kind: 'case',
        slug: head.slug,
        path: file.path,
        id: `case-${head.slug}`,
        content,
        sections: file.data.sections ?? [],
        award: awards.get(head.slug) ?? null,
        stats: file.data.stats ?? { words: 0, images: 0 },
        changes: changesOf(file),
        language: written,
        titleLanguage,
        summaryLanguage,
      };
    })
    .sort((a, b) => rank(a) - rank(b) || collator.compare(a.title, b.title) || collator.compare(a.slug, b.slug));
  warnDuplicateTitles(inputs.cases);
  const assets = new Map<string, Asset>();
  for (const { file } of [...inputs.chapters, ...inputs.cases]) {
    for (const asset of file.data.assets ?? []) assets.set(asset.target, asset);
  }
  // The logo and the cover image (checked with the settings) go with the site, like any image.
  for (const image of [settings.logo, settings.coverImage]) {
    if (image === undefined || inputs.root === undefined) continue;
    const asset = settingsImage(inputs.root, image);
    assets.set(asset.target, asset);
  }
  const files = new Map([...inputs.chapters, ...inputs.cases].map((valid) => [valid.file.path, valid.file]));
  const xrefs = resolveXrefs(labels, [
    ...chapters.map((chapter) => ({
      file: files.get(chapter.path) as VFile,
      prefix: chapter.number === null ? '' : String(chapter.number),
      page: pages.chapter(chapter.slug),
    })),
    ...cases.map((item, index) => ({
      file: files.get(item.path) as VFile,
      prefix: `C${index + 1}`,
      page: pages.case(item.slug),
    })),
  ]);
  const links = resolveLinks([
    ...chapters.map((chapter) => ({
      file: files.get(chapter.path) as VFile,
      kind: 'chapter' as const,
      slug: chapter.slug,
      id: chapter.id,
      page: pages.chapter(chapter.slug),
      prefix: chapter.slug,
      original: chapter.untranslated ? undefined : inputs.originals?.get(chapter.slug),
    })),
    ...cases.map((item) => ({
      file: files.get(item.path) as VFile,
      kind: 'case' as const,
      slug: item.slug,
      id: item.id,
      page: pages.case(item.slug),
      prefix: item.id,
    })),
  ]);
  return {
    settings,
    labels,
    editions: inputs.editions,
    chapters,
    cases,
    tiers,
    awards,
    assets: [...assets.values()].sort((a, b) => (a.target < b.target ? -1 : a.target > b.target ? 1 : 0)),
    xrefs,
    cited: noCitations(),
    links,
    toc: [],
    indices: { byCountry: [], bySdg: [], byCommittee: [] },
    charts: [],
  };
}

function assembleChapters(files: ValidFile<ChapterHead>[], main: string, edition: string): Chapter[] {
  const sorted = [...files].sort((a, b) => a.head.order - b.head.order || (a.file.path < b.file.path ? -1 : 1));
  const seen = new Map<string, VFile>();
  const chapters: Chapter[] = [];
  let number = 0;
  let opened = 0;
  let messages = 1;
  for (const { file, head, content } of sorted) {
    const other = seen.get(head.slug);
    if (other) {
      error(
        file,
        `Unexpected duplicate chapter slug \`${head.slug}\` (also \`${other.path}\`), expected unique slugs`,
        undefined,
        'chapter-slug-duplicate',
      );
      continue;
    }
    seen.set(head.slug, file);
    const { part, ...meta } = head.meta;
    const written = file.data.language ?? main;
    const inLanguage = (text: string) => spaced(text, written);
    chapters.push({
      ...meta,
      ...titleOf(inLanguage(head.meta.title)),
      ...(meta.summary === undefined ? {} : { summary: inLanguage(meta.summary) }),
      ...(meta.authors === undefined ? {} : { authors: meta.authors.map(inLanguage) }),
      ...(meta.keyMessages === undefined ? {} : { keyMessages: meta.keyMessages.map(inLanguage) }),
      part: part === undefined ? null : { id: `part.${++opened}`, number: opened, ...titleOf(inLanguage(part)) },
      keyMessagesFrom: messages,
      kind: 'chapter',
      slug: head.slug,
      path: file.path,
      number: head.order === 0 ? null : ++number,
      id: head.slug,
      content,
      sections: file.data.sections ?? [],
      changes: changesOf(file),
      language: file.data.language ?? main,
      untranslated: (file.data.language ?? main) !== edition,
    });
    messages += meta.keyMessages?.length ?? 0;
  }
  return chapters;
}

/**
 * Text of a language that is set with a gap beside Latin letters and digits (Chinese, Japanese)
 * without the spaces typed there; code spans (in a title's Markdown) as written.
 */
function spaced(text: string, language: string): string {
  if (!autospaced(language)) return text;
  return text
    .split(/(`[^`]*`)/)
    .map((piece, index) => (index % 2 === 1 ? piece : spacedIn(piece, language)))
    .join('');
}

/** A title as written (inline Markdown) → its text as `title`, its HTML as `titleHtml`. */
function titleOf(markdown: string): { title: string; titleHtml: string } {
  const { text, html } = inlineTitle(markdown);
  return { title: text, titleHtml: html };
}

/**
 * What changed in a file since the `--since` revision.
 *
 * @param file Transformed file.
 * @returns The changes, or `null` when there is no earlier revision to compare with.
 */
function changesOf(file: VFile): Changes | null {
  if (file.data.previous === undefined) return null;
  return {
    blocks: file.data.changes ?? [],
    removed: file.data.removedBlocks ?? [],
    matter: file.data.matterChanged ?? false,
  };
}

function warnDuplicateTitles(cases: ValidFile<CaseHead>[]): void {
  const byTitle = new Map<string, ValidFile<CaseHead>>();
  for (const item of cases) {
    const key = item.head.meta.title.toLowerCase();
    const first = byTitle.get(key);
    if (first) {
      warn(
        item.file,
        `Unexpected title \`${item.head.meta.title}\`, already used by \`${first.file.path}\`: expected distinct titles`,
        locator(item.file, item.file.data.frontMatter)(['title'], 'value'),
        'case-title-duplicate',
      );
    } else {
      byTitle.set(key, item);
    }
  }
}
