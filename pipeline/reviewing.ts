/**
 * The editor's side of review: list the comments, resolve one, import those a reviewer sent (a
 * `--review` site's export). A thin layer over `check` (which finds every comment again in the
 * current text) and the comments files of `review/`.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { VFile } from 'vfile';
import { check } from './check.js';
import { UsageError } from './model/errors.js';
import { error, hasErrors } from './model/message.js';
import { anchor, pointsOf } from './review/anchor.js';
import { AnnotationProblem, toAnnotation, type Annotation } from './review/annotation.js';
import { commentsBySource, firstLine, mergeComment, writeReview, type ReviewedComment } from './review/index.js';
import { suggest } from './shared/suggest.js';

/** What `listComments` keeps. */
export interface ListOptions {
  root?: string;
  /** Only open comments. */
  open?: boolean;
  /** Only comments by this name (case and accents ignored), or with a reply by it. */
  by?: string;
}

const fold = (name: string) => name.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().trim();

/**
 * Every comment of a book, where its text now stands.
 *
 * @param options Root and filters.
 * @returns The comments, by source and place.
 */
export async function listComments(options: ListOptions = {}): Promise<ReviewedComment[]> {
  const { review } = await check(options.root ? { root: options.root } : {});
  const by = options.by === undefined ? undefined : fold(options.by);
  return review.comments.filter(
    ({ annotation }) =>
      (!options.open || annotation.status === 'open') &&
      (by === undefined ||
        fold(annotation.creator.name) === by ||
        annotation.replies.some((reply) => fold(reply.creator.name) === by)),
  );
}

/**
 * One line per comment, for a terminal: place, status, who, when, id, the body's first line.
 *
 * @param comments Comments, as `listComments` gives them.
 * @returns Text.
 */
export function formatComments(comments: readonly ReviewedComment[]): string {
  return comments
    .map(({ annotation, file, line, place }) => {
      const where = place
        ? `${annotation.target.source}:${place.start.line}:${place.start.column}`
        : `${file.path}:${line} (orphaned)`;
      const replies = annotation.replies.length;
      return `${where}  ${annotation.status}  ${firstLine(annotation.creator.name, 40)}  ${annotation.created.slice(0, 10)}  ${annotation.id}\n  ${firstLine(annotation.body.value)}${replies > 0 ? ` (${replies} ${replies === 1 ? 'reply' : 'replies'})` : ''}\n`;
    })
    .join('');
}

/**
 * Mark a comment resolved (or open again).
 *
 * @param id The comment's id, as `review list` shows it.
 * @param options Root; `reopen` to open it again.
 * @returns The comment.
 * @throws UsageError for an id no comment has.
 */
export async function resolveComment(
  id: string,
  options: { root?: string; reopen?: boolean } = {},
): Promise<Annotation> {
  const root = options.root ?? process.cwd();
  const comments = await listComments({ root });
  const found = comments.find(({ annotation }) => annotation.id === id);
  if (!found) {
    const guess = suggest(
      id,
      comments.map(({ annotation }) => annotation.id),
      4,
    );
    throw new UsageError(`Unknown comment \`${id}\`${guess ? `; did you mean \`${guess}\`?` : ''}`);
  }
  const { annotation } = found;
  annotation.status = options.reopen ? 'open' : 'resolved';
  annotation.modified = new Date().toISOString();
  const source = annotation.target.source;
  await writeReview(root, source, commentsBySource({ files: [], comments }).get(source) ?? [annotation]);
  return annotation;
}

/**
 * Where each element of a JSON text's top-level array starts (offsets), for located messages.
 *
 * @param text JSON.
 * @returns Offsets, in order.
 */
function elementOffsets(text: string): number[] {
  const starts: number[] = [];
  let depth = 0;
  let inString = false;
  for (let at = 0; at < text.length; at++) {
    const char = text[at];
    if (inString) {
      if (char === '\\') at++;
      else if (char === '"') inString = false;
      continue;
    }
    if (char === '"') inString = true;
    if (char === '{' || char === '[') {
      if (depth === 1) starts.push(at);
      depth++;
    } else if (char === '}' || char === ']') depth--;
    else if (depth === 1 && !/[\s,]/.test(char ?? '')) starts.push(at);
  }
  return starts;
}

/** What an import did. */
export interface Imported {
  /** The file with its messages: nothing is written when it has an error. */
  file: VFile;
  added: number;
  updated: number;
}

/**
 * Import the comments a reviewer exported from a `--review` site (a JSON list of comments, or
 * `{ "comments": [...] }`): each checked as untrusted input, found in the current text, merged
 * with the comments already kept (replies joined; the later change of status wins). Nothing is
 * written when any comment has a problem: each is a located message of the file.
 *
 * @param path The file, as the user named it.
 * @param options Root; the folder `path` is relative to.
 * @returns The file with its messages, and how many comments were added or updated.
 */
export async function importComments(path: string, options: { root?: string; cwd?: string } = {}): Promise<Imported> {
  const root = options.root ?? process.cwd();
  let text: string;
  try {
    text = await readFile(resolve(options.cwd ?? process.cwd(), path), 'utf8');
  } catch (cause) {
    throw new UsageError(`Cannot read \`${path}\` (${(cause as NodeJS.ErrnoException).code ?? 'unknown error'})`);
  }
  const file = new VFile({ path, value: text });
  const { review, files } = await check({ root });
  const sources = new Map(
    files.filter((source) => /^(?:chapters|cases)\//.test(source.path)).map((source) => [source.path, source]),
  );
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (problem) {
    const at = Number(/position (\d+)/.exec((problem as Error).message)?.[1] ?? 0);
    error(
      file,
      `Unexpected file: expected comments as JSON (${(problem as Error).message})`,
      pointsOf(text)(at),
      'review-format',
    );
    return { file, added: 0, updated: 0 };
  }
  const list = Array.isArray(parsed) ? parsed : (parsed as { comments?: unknown } | null)?.comments;
  if (!Array.isArray(list)) {
    error(
      file,
      'Unexpected file: expected a list of comments, or `{ "comments": [...] }`',
      { line: 1, column: 1 },
      'review-format',
    );
    return { file, added: 0, updated: 0 };
  }
  // Each comment is located at its place in the file: the list, or the list after `"comments"`.
  const listStart = Array.isArray(parsed) ? 0 : text.indexOf('[', text.indexOf('"comments"'));
  const offsets = elementOffsets(text.slice(listStart)).map((offset) => offset + listStart);
  const points = pointsOf(text);
  const touched = new Set<string>();
  const kept = commentsBySource(review);
  let added = 0;
  let updated = 0;
  list.forEach((item: unknown, index) => {
    const place = points(offsets[index] ?? 0);
    try {
      const annotation = toAnnotation(item);
      const source = sources.get(annotation.target.source);
      if (!source)
        throw new AnnotationProblem(
          `expected \`target.source\` to be a file of the book, not \`${annotation.target.source}\``,
        );
      const [quote] = annotation.target.selector;
      const found = anchor(String(source.value), quote);
      if (found) annotation.target.selector = [quote, { type: 'TextPositionSelector', ...found.position }];
      const comments = kept.get(annotation.target.source) ?? [];
      kept.set(annotation.target.source, comments);
      touched.add(annotation.target.source);
      if (mergeComment(comments, annotation).added) added++;
      else updated++;
    } catch (problem) {
      if (!(problem instanceof AnnotationProblem)) throw problem;
      error(file, `Unexpected comment ${index + 1}: ${problem.message}`, place, 'review-format');
    }
  });
  if (hasErrors(file)) return { file, added: 0, updated: 0 };
  for (const source of touched) await writeReview(root, source, kept.get(source) ?? []);
  return { file, added, updated };
}
