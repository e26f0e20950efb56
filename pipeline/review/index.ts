/**
 * The review stage: reviewers' comments read from `review/`, each found again in the current text
 * of its source (`anchor.ts`) and reported where it now stands: an open comment is a
 * `review-comment` message (info) at its line and column, one whose text is gone a
 * `review-orphaned` warning at its line of the comments file. Resolved comments are kept, not
 * reported.
 */
import { readdir, writeFile, mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { VFile } from 'vfile';
import type { CommentCount } from '../model/types.js';
import { readSource } from '../load/read.js';
import { anchor, pointsOf } from './anchor.js';
import { readAnnotations, reviewPath, writeAnnotations, type Annotation } from './annotation.js';

/** Messages of the review stage: comments are not problems of the book, and `--frail` ignores them. */
export const reviewSource = 'whitepaper-review';

/** Largest comments file read, in bytes. */
const maxReviewFile = 8 * 1024 * 1024;

/** A comment, where it was read and where its text stands now. */
export interface ReviewedComment {
  annotation: Annotation;
  /** The comments file and the comment's line in it. */
  file: VFile;
  line: number;
  /** Where its quote stands in its source, or `undefined` when it is orphaned. */
  place: { start: { line: number; column: number }; end: { line: number; column: number } } | undefined;
}

/** What the review stage found. */
export interface Review {
  /** The comments files, with their messages. */
  files: VFile[];
  comments: ReviewedComment[];
  /** The chapters and cases comments can be about, by source path. */
  sources: ReadonlyMap<string, VFile>;
}

/** A review of a book that could not be read. */
export const noReview: Review = { files: [], comments: [], sources: new Map() };

/** "(2 replies)" after a comment's first line, or nothing. */
export function repliesNote(annotation: Annotation): string {
  const replies = annotation.replies.length;
  return replies > 0 ? ` (${replies} ${replies === 1 ? 'reply' : 'replies'})` : '';
}

/**
 * A comment about to be kept, found in its source's current text: its position selector says
 * where the quote stands now (left as it was when the quote is not found).
 *
 * @param annotation The comment; its selector is changed.
 * @param text The source's text.
 * @returns The comment.
 */
export function anchored(annotation: Annotation, text: string): Annotation {
  const [quote] = annotation.target.selector;
  const found = anchor(text, quote);
  if (found) annotation.target.selector = [quote, { type: 'TextPositionSelector', ...found.position }];
  return annotation;
}

/** The comments files below `review/`, relative to the root, sorted. */
async function reviewFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const walk = async (folder: string, depth: number): Promise<void> => {
    if (depth > 4) return;
    let entries;
    try {
      entries = await readdir(join(root, folder), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory()) await walk(path, depth + 1);
      else if (entry.name.endsWith('.jsonl')) found.push(path);
    }
  };
  await walk('review', 0);
  return found.sort();
}

/**
 * The first line of a text, shortened, as a terminal may show it: control characters (a
 * terminal's escape sequences) become U+FFFD.
 *
 * @param text A body, a quote or a name.
 * @param max Characters at most.
 * @returns One line.
 */
export function firstLine(text: string, max = 100): string {
  // eslint-disable-next-line no-control-regex
  const line = (text.trim().split('\n')[0] ?? '').replace(/[\u0000-\u001F\u007F-\u009F]/g, '\uFFFD');
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Read every comment of a book and find each again in its source.
 *
 * @param root The content root.
 * @param sources The book's chapter and case files, as read.
 * @returns The comments files and the comments.
 */
export async function readReview(root: string, sources: readonly VFile[]): Promise<Review> {
  const bySource = new Map(sources.map((file) => [file.path, file]));
  const files: VFile[] = [];
  const comments: ReviewedComment[] = [];
  for (const path of await reviewFiles(root)) {
    const file = await readSource(root, path, maxReviewFile);
    files.push(file);
    if (file.messages.length > 0) continue;
    const sourcePath = path.replace(/^review\//, '').replace(/\.jsonl$/, '.md');
    const source = bySource.get(sourcePath);
    const text = source ? String(source.value) : undefined;
    const points = text === undefined ? undefined : pointsOf(text);
    for (const { annotation, line } of readAnnotations(file)) {
      const [quote, position] = annotation.target.selector;
      const found = text === undefined ? undefined : anchor(text, quote, position?.start);
      const place = found && points ? { start: points(found.start), end: points(found.end) } : undefined;
      comments.push({ annotation, file, line, place });
      if (annotation.status !== 'open') continue;
      const who = firstLine(annotation.creator.name, 80);
      if (place && source) {
        source.info(`Open comment by ${who}: ${firstLine(annotation.body.value)}${repliesNote(annotation)}`, {
          place,
          ruleId: 'review-comment',
          source: reviewSource,
        });
      } else {
        const where = source ? `no longer in \`${sourcePath}\`` : `in \`${sourcePath}\`, which the book no longer has`;
        // A warning (`message`, not `info`), from the review's source.
        file.message(`Orphaned comment by ${who} on “${firstLine(quote.exact, 60)}”: its text is ${where}`, {
          place: { line, column: 1 },
          ruleId: 'review-orphaned',
          source: reviewSource,
        });
      }
    }
  }
  return { files, comments, sources: bySource };
}

/**
 * Write a source's comments, replacing its file (`review/<source>.jsonl`).
 *
 * @param root The content root.
 * @param source The source path the comments are about.
 * @param annotations All of its comments.
 */
export async function writeReview(root: string, source: string, annotations: readonly Annotation[]): Promise<void> {
  const path = join(root, reviewPath(source));
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, writeAnnotations(annotations));
}

/**
 * Comments by the source they are about, in the order they were read.
 *
 * @param comments Comments, as the review stage found them.
 * @returns Source path → its comments.
 */
export function commentsBySource(comments: readonly ReviewedComment[]): Map<string, Annotation[]> {
  const sources = new Map<string, Annotation[]>();
  for (const { annotation } of comments) {
    const list = sources.get(annotation.target.source) ?? [];
    list.push(annotation);
    sources.set(annotation.target.source, list);
  }
  return sources;
}

/**
 * Add a comment to a source's comments, or merge it with the one of its id: replies joined, and
 * the later change of status wins.
 *
 * @param comments A source's comments; changed.
 * @param incoming The comment.
 * @returns Whether it was new, and the comment as kept.
 */
export function mergeComment(comments: Annotation[], incoming: Annotation): { added: boolean; kept: Annotation } {
  const existing = comments.find((comment) => comment.id === incoming.id);
  if (!existing) {
    comments.push(incoming);
    return { added: true, kept: incoming };
  }
  const replies = new Set(existing.replies.map((reply) => reply.id));
  existing.replies.push(...incoming.replies.filter((reply) => !replies.has(reply.id)));
  if ((incoming.modified ?? incoming.created) > (existing.modified ?? existing.created)) {
    existing.status = incoming.status;
    existing.modified = incoming.modified ?? incoming.created;
  }
  return { added: false, kept: existing };
}

/**
 * A source's comments as its file holds them now (none when it has none, or a line is not a comment).
 *
 * @param root The content root.
 * @param source A source path.
 * @returns Its comments.
 */
export async function readKept(root: string, source: string): Promise<Annotation[]> {
  const file = await readSource(root, reviewPath(source), maxReviewFile);
  return file.messages.length > 0 ? [] : readAnnotations(file).map(({ annotation }) => annotation);
}

/**
 * How many comments each source has, open and resolved.
 *
 * @param review What the review stage found.
 * @returns Source path → counts.
 */
export function commentCounts(review: Review): Map<string, CommentCount> {
  const counts = new Map<string, CommentCount>();
  for (const { annotation, place } of review.comments) {
    const count = counts.get(annotation.target.source) ?? { open: 0, orphaned: 0, resolved: 0 };
    if (annotation.status === 'resolved') count.resolved++;
    else {
      count.open++;
      if (!place) count.orphaned++;
    }
    counts.set(annotation.target.source, count);
  }
  return counts;
}
