/**
 * Content root → checked files and the assembled editions: load, validate, transform, assemble.
 */
import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { VFile } from 'vfile';
import { assembleBook, type ValidFile } from './assemble/book.js';
import { buildIndices } from './assemble/indices.js';
import { citationsAsNotes, notePlaces } from './assemble/notes.js';
import { buildToc } from './assemble/toc.js';
import { UsageError } from './model/errors.js';
import { loadSettings } from './load/settings.js';
import { matterDiffers } from './load/front-matter.js';
import { filesAt } from './load/revision.js';
import { loadSources, type Sources } from './load/sources.js';
import { fontCoverage } from './load/font-coverage.js';
import { editionChapters, editionSettings } from './assemble/editions.js';
import { labelsFor } from './data/languages/index.js';
import { withCharts } from './assemble/charts.js';
import { loadBibliography, openCitations, type Bibliography, type Citations } from './citations/index.js';
import { error, hasErrors } from './model/message.js';
import { TransformCache } from './transform/cache.js';
import { sharedPool, type TransformPool } from './transform/pool.js';
import type { Root as HastRoot } from 'hast';
import type { Awards, Book, BookSettings, Citation, Collection } from './model/types.js';
import { validateAwards } from './validate/awards.js';
import { declaredLanguage, validateCaseStudy, type CaseHead } from './validate/case-study.js';
import { validateChapter, type ChapterHead } from './validate/chapter.js';
import { awardsDecided, checkAwardsAgainstJudging, readJudging, type Judging } from './judging/index.js';
import { commentCounts, noReview, readReview, type Review } from './review/index.js';
import { editionLanguages, ownLabels, validateSettings } from './validate/settings.js';

/** Options of `check()`. */
export interface CheckOptions {
  /** Content root holding `whitepaper.yaml`, `chapters/` and `cases/`. Default: the current folder. */
  root?: string;
  /** Told when a stage ends, with its duration. */
  onProgress?: (stage: string, milliseconds: number) => void;
  /**
   * Keeps transformed bodies, citations and front matter between runs of a long-lived process
   * (the preview uses one); citations are then formatted in this thread, when they change.
   */
  cache?: TransformCache;
  /**
   * Keeps transformed bodies and citations between processes (a build's cache file); citation
   * engines start in a worker, right away unless the cache holds citations. Ignored when
   * `cache` is given.
   */
  transforms?: TransformCache;
  /** A git revision: mark what changed since then (`--since`). */
  since?: string;
  /** Transforms files in worker threads; default: the process's shared pool. */
  pool?: TransformPool;
  /**
   * Draw the compendium's charts, a last stage for the outputs (`build`, the preview); `check`
   * alone never loads Vega for them.
   */
  charts?: boolean;
}

/** What a check found. */
export interface CheckResult {
  /** Every file with its messages, the settings first. */
  files: VFile[];
  /** The book (its main-language edition), when the content has no errors. */
  book: Book | undefined;
  /** Every edition, the main one first, when the content has no errors; else none. */
  editions: Book[];
  /** Settings, every case file and the awards, when the settings are valid. */
  collection: Collection | undefined;
  /** Reviewers' comments, each where its text now stands (`review/`). */
  review: Review;
  /** The judging of the cases, when the book has `judging/criteria.yaml`. */
  judging: Judging;
}

/**
 * What each stage hands to the next: a stage takes the result of the one before it and returns
 * its own, which holds everything before it and its part. No field is optional: a stage that
 * cannot go on (invalid settings) says so by returning `undefined`.
 */
interface Start {
  root: string;
  options: CheckOptions;
  pool: TransformPool;
  settingsFile: VFile;
}

/** Settings, and every file read. */
interface Loaded extends Start {
  settings: BookSettings;
  sources: Sources;
  /** Files that could be read; the others are neither validated nor transformed. */
  readable: ReadonlySet<VFile>;
}

/** Front matter checked against its schema: each file's head, `undefined` where it is invalid. */
interface Validated extends Loaded {
  chapterHeads: { file: VFile; head: ChapterHead | undefined }[];
  caseHeads: { file: VFile; head: CaseHead | undefined }[];
  awards: Awards;
}

/** Every body transformed; citation engines open (closed by `check`). */
interface Transformed extends Validated {
  bibliography: Bibliography | undefined;
  citations: Citations;
  chapters: ValidFile<ChapterHead>[];
  cases: ValidFile<CaseHead>[];
}

/** One complete Book per edition. */
interface Assembled extends Transformed {
  editions: Book[];
}

/**
 * Load, validate, transform and assemble a book without writing anything; for the outputs, draw
 * its charts too (`charts`).
 *
 * @param options Content root.
 * @returns Files with their messages, and the book when there are no errors.
 */
export async function check(options: CheckOptions = {}): Promise<CheckResult> {
  const root = resolveRoot(options.root);
  // The transform worker loads its modules while this thread reads and validates the files.
  const pool = options.pool ?? sharedPool();
  pool.warm();
  // fontconfig lists the fonts meanwhile too.
  void fontCoverage();
  const time = timer(options.onProgress);
  const start: Start = { root, options, pool, settingsFile: await loadSettings(root) };
  const loaded = await load(start);
  if (!loaded)
    return {
      files: [start.settingsFile],
      book: undefined,
      editions: [],
      collection: undefined,
      review: noReview,
      judging: { files: [], settings: undefined, sheets: [], results: undefined, screening: undefined },
    };
  time('load');
  const validated = validate(loaded);
  time('validate');
  let transformed: Transformed | undefined;
  let assembled: Assembled;
  try {
    transformed = await transform(validated);
    time('transform');
    assembled = await assemble(transformed);
    time('assemble');
  } finally {
    await transformed?.citations.close();
  }
  const { settingsFile, settings, sources, awards, bibliography } = assembled;
  const review = await readReview(root, [...sources.chapters, ...sources.cases]);
  time('review');
  const judgedCases = assembled.caseHeads.flatMap(({ head }) =>
    head ? [{ slug: head.slug, organization: head.meta.organization, committee: head.meta.committee }] : [],
  );
  const judging = await readJudging(root, judgedCases);
  const decided = awardsDecided(judging, judgedCases);
  if (decided) for (const edition of assembled.editions) edition.decided = decided;
  if (sources.awards) checkAwardsAgainstJudging(sources.awards, judging);
  const files = [
    settingsFile,
    ...sources.chapters,
    ...sources.cases,
    ...(sources.awards ? [sources.awards] : []),
    ...(bibliography ? [bibliography.file] : []),
    ...review.files,
    ...judging.files,
  ];
  settleMessages(files, settings.rules);
  const valid = !files.some(hasErrors);
  // Charts only of a book that will be built.
  const charted = valid && options.charts ? await chart(assembled) : assembled;
  if (charted !== assembled) time('charts');
  return {
    files,
    book: valid ? charted.editions[0] : undefined,
    editions: valid ? charted.editions : [],
    collection: { settings, cases: sources.cases, awards, comments: commentCounts(review) },
    review,
    judging,
  };
}

/** Settings, then every chapter, case and the awards file; with `--since`, each file as it was. */
async function load(start: Start): Promise<Loaded | undefined> {
  const { root, options, settingsFile } = start;
  const settings = validateSettings(settingsFile);
  if (!settings) return undefined;
  const main = settings.language;
  const sources = await loadSources(root, {
    awards: settings.awards,
    maxFileSize: settings.limits.fileSize,
    maxFiles: settings.limits.files,
    settingsFile,
    language: main,
    languages: settings.languages,
    ...(options.cache ? { frontMatters: options.cache.frontMatters } : {}),
  });
  if (!sources.chapters.some((file) => (file.data.language ?? main) === main) && !hasErrors(settingsFile)) {
    const folder = settings.languages ? `chapters/${main}/` : 'chapters/';
    error(
      settingsFile,
      `Missing chapters, expected at least one \`${folder}NN-slug.md\`: a book without chapters is not built`,
      { line: 1, column: 1 },
      'chapters-missing',
    );
  }
  const readable = new Set([...sources.chapters, ...sources.cases].filter((file) => !hasErrors(file)));
  if (options.since) {
    const earlier = filesAt(
      root,
      options.since,
      [...readable].map((file) => file.path),
    );
    for (const file of readable) {
      const previous = earlier.get(file.path) ?? null;
      file.data.previous = previous;
      file.data.matterChanged = matterDiffers(previous, file.data.matter, ['contact']);
    }
  }
  return { ...start, settings, sources, readable };
}

/** Front matter against its schema: chapters, cases, awards. */
function validate(loaded: Loaded): Validated {
  const { settings, sources } = loaded;
  const chapterHeads = sources.chapters.map((file) => ({ file, head: validateChapter(file) }));
  const caseHeads = sources.cases.map((file) => ({ file, head: validateCaseStudy(file, settings.countries) }));
  // What each file is, decided here once for every later stage: its kind, whether its HTML is
  // trusted, the prefix of its ids; a chapter's language is its folder's (\`load\`), a case's its
  // own (it picks the required sections; an invalid head still has its body checked).
  for (const { file, head } of chapterHeads) {
    file.data.kind = 'chapter';
    file.data.trusted = settings.trustChapters;
    file.data.idPrefix = head?.slug ?? file.stem ?? '';
  }
  for (const { file, head } of caseHeads) {
    file.data.kind = 'case';
    file.data.trusted = false;
    file.data.idPrefix = `case-${head?.slug ?? file.stem ?? ''}`;
    file.data.language = head?.meta.language ?? declaredLanguage(file.data.matter) ?? settings.language;
  }
  const awards = validateAwards(sources.awards, new Set(sources.cases.map((file) => file.stem ?? '')));
  return { ...loaded, chapterHeads, caseHeads, awards };
}

/** The bibliography read, citation engines opened, every body transformed (in the pool, with a time budget). */
async function transform(validated: Validated): Promise<Transformed> {
  const { root, options, settingsFile, settings } = validated;
  const bibliography = settings.bibliography
    ? await loadBibliography(root, settings.bibliography, settings.limits.fileSize)
    : undefined;
  // A build whose cache kept citations starts a citation engine only if they changed.
  const cache = options.cache ?? options.transforms;
  const languages = editionLanguages(settings);
  const kept = languages.some((language) => options.transforms?.hasResult(`citations:${language}`));
  const citations = await openCitations({
    root,
    settings,
    settingsFile,
    bibliography,
    languages,
    mode: options.cache ? 'local' : kept ? 'worker-on-demand' : 'worker',
    cache,
    editionSettings: (language) => editionSettings(settings, language),
  });
  try {
    const bodies = await transformBodies(validated, citations, cache);
    return { ...validated, bibliography, citations, ...bodies };
  } catch (failure) {
    await citations.close();
    throw failure;
  }
}

/** Every chapter and case body, through the cache when there is one. */
async function transformBodies(
  validated: Validated,
  citations: Citations,
  cache: TransformCache | undefined,
): Promise<Pick<Transformed, 'chapters' | 'cases'>> {
  const { root, pool, settings, readable, chapterHeads, caseHeads } = validated;
  const coverage = await fontCoverage();
  // The book's own fixed text: case sections, note and chart labels are the transform's.
  const labels = ownLabels(settings);
  const transformSettings = {
    processor: {
      root,
      maxDepth: settings.limits.depth,
      citationKeys: citations.keys,
      coverage,
      labels,
    },
    fileTime: settings.limits.fileTime,
  };
  // A changed bibliography changes which citations are reported unknown.
  const keys = createHash('sha256')
    .update(JSON.stringify([...citations.keys].sort()))
    .digest('hex');
  const run = (file: VFile) => pool.transform(file, transformSettings);
  const context: TransformContext = {
    run,
    readable,
    salt: JSON.stringify([root, settings.limits.depth, keys, coverage?.signature, labels]),
    cache,
  };
  cache?.begin();
  const [chapters, cases] = await Promise.all([
    transformFiles(chapterHeads, context),
    transformFiles(caseHeads, context),
  ]);
  cache?.end();
  return { chapters, cases };
}

/** One Book per edition, complete: numbered, cross-referenced, its citations formatted, its contents and indices built. */
async function assemble(transformed: Transformed): Promise<Assembled> {
  const { settings, chapters, cases, awards, citations } = transformed;
  const main = settings.language;
  const languages = editionLanguages(settings);
  const editions: Book[] = [];
  const originals = new Map(editionChapters(chapters, main, main).map((part) => [part.head.slug, part.file]));
  for (const language of languages) {
    const book = assembleBook({
      settings: editionSettings(settings, language),
      chapters: editionChapters(chapters, main, language),
      cases,
      awards,
      labels: labelsFor(language, settings.translations[language]?.labels),
      editions: languages,
      originals,
      root: transformed.root,
    });
    const list = citationsOf(book, [...chapters, ...cases]);
    const byPath = new Map<string, string[]>();
    for (const { file, citation } of list) {
      const ids = byPath.get(file.path) ?? [];
      ids.push(citation.id);
      byPath.set(file.path, ids);
    }
    const formatted = {
      ...book,
      cited: await citations.cite(language, list, notePlaces([...book.chapters, ...book.cases], byPath)),
    };
    // A note style's citations are footnotes of their files.
    const cited = formatted.cited.notes ? citationsAsNotes(formatted) : formatted;
    // The compendium's charts are drawn in the `charts` stage, for the outputs only.
    editions.push({ ...cited, toc: buildToc(cited), indices: buildIndices(cited) });
  }
  return { ...transformed, editions };
}

/** The compendium's charts of every edition, drawn once their data is known (cached by data). */
async function chart(assembled: Assembled): Promise<Assembled> {
  const cache = assembled.options.cache ?? assembled.options.transforms;
  return { ...assembled, editions: await withCharts(assembled.editions, cache) };
}

/** What transforming a file needs besides the file. */
interface TransformContext {
  /** Transforms a file (in the pool). */
  run: (file: VFile) => Promise<HastRoot>;
  /** Files that could be read; the others are not transformed. */
  readable: ReadonlySet<VFile>;
  /** What else changes the result, for the cache. */
  salt: string;
  cache: TransformCache | undefined;
}

/**
 * Transform the bodies of one kind of file. Bodies of files whose front matter is wrong are
 * transformed too, so that one run reports the problems of both; only valid ones go on.
 */
async function transformFiles<Head extends ChapterHead | CaseHead>(
  items: readonly { file: VFile; head: Head | undefined }[],
  context: TransformContext,
): Promise<ValidFile<Head>[]> {
  const readable = items.filter(({ file }) => context.readable.has(file));
  // All at once: the pool keeps its worker busy while this thread reads the cache.
  const contents = await Promise.all(
    readable.map(({ file }) =>
      context.cache ? context.cache.transform(context.run, file, context.salt) : context.run(file),
    ),
  );
  return readable.flatMap(({ file, head }, index) =>
    head ? [{ file, head, content: contents[index] ?? { type: 'root' as const, children: [] } }] : [],
  );
}

/**
 * Say everything once (every edition assembles the shared files: cases, untranslated
 * chapters), and drop the warnings the editors turned off (`rules: { heading-skip: off }`);
 * errors cannot be.
 */
function settleMessages(files: readonly VFile[], rules: BookSettings['rules']): void {
  const off = new Set(Object.entries(rules).flatMap(([rule, level]) => (level === 'off' ? [rule] : [])));
  for (const file of files) {
    const seen = new Set<string>();
    file.messages = file.messages.filter((message) => {
      const key = JSON.stringify([message.reason, message.line, message.column, message.ruleId]);
      if (seen.has(key)) return false;
      seen.add(key);
      return message.fatal === true || !off.has(message.ruleId ?? '');
    });
  }
}

/**
 * The citations of an edition, in book order.
 *
 * @param book The assembled edition.
 * @param files Every valid, transformed file, of every edition.
 * @returns Each citation with its file.
 */
function citationsOf(
  book: Book,
  files: readonly ValidFile<ChapterHead | CaseHead>[],
): { file: VFile; citation: Citation }[] {
  const byPath = new Map(files.map((valid) => [valid.file.path, valid.file]));
  const inBookOrder = [...book.chapters, ...book.cases].flatMap((item) => byPath.get(item.path) ?? []);
  return inBookOrder.flatMap((file) => (file.data.citations ?? []).map((citation) => ({ file, citation })));
}

/**
 * The content root as an absolute path.
 *
 * @param root As given; default the current folder.
 * @returns The path.
 * @throws UsageError when it is not a folder.
 */
export function resolveRoot(root: string | undefined): string {
  const path = resolve(root ?? '.');
  if (!existsSync(path) || !statSync(path).isDirectory())
    throw new UsageError(`Content root \`${path}\` is not a folder`);
  return path;
}

/**
 * Reports the time each stage took.
 *
 * @param onProgress Told the stage and its milliseconds.
 * @returns Marks the end of a stage.
 */
export function timer(onProgress: CheckOptions['onProgress']) {
  let last = performance.now();
  return (stage: string) => {
    const now = performance.now();
    onProgress?.(stage, now - last);
    last = now;
  };
}
