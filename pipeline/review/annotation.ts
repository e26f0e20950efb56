/**
 * A reviewer's comment, as a W3C Web Annotation (https://www.w3.org/TR/annotation-model/): who
 * wrote it and when, a plain-text body, and a target that finds the text it is about again by
 * its quote and the words around it (`TextQuoteSelector`), with where it stood last
 * (`TextPositionSelector`, in the source's reading text: `anchor.ts`). Two extensions: `status`
 * (open or resolved) and `replies`. Comments live beside the book, one JSON Lines file per source
 * file (`review/chapters/en/02-ethics.jsonl` for `chapters/en/02-ethics.md`), so that they are
 * versioned, diffed and merged with it.
 *
 * Every field is checked as untrusted input: a body is plain text, never HTML, and has a size
 * limit; the source is a Markdown file of the book, never a path a request chose.
 */
import type { VFile } from 'vfile';
import { error } from '../model/message.js';

/** A person who wrote a comment or a reply. */
export interface Creator {
  type: 'Person';
  name: string;
}

/** Plain text, the only body a comment has. */
export interface TextBody {
  type: 'TextualBody';
  value: string;
  format: 'text/plain';
}

/** A reply to a comment. */
export interface Reply {
  id: string;
  created: string;
  creator: Creator;
  body: TextBody;
}

/** The text a comment is about: its quote with up to 32 characters around it. */
export interface QuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

/** Where the quote stood when it was last found, in the source's reading text. */
export interface PositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** A comment. */
export interface Annotation {
  '@context': 'http://www.w3.org/ns/anno.jsonld';
  id: string;
  type: 'Annotation';
  motivation: 'commenting';
  created: string;
  modified?: string;
  creator: Creator;
  body: TextBody;
  target: {
    /** The Markdown file, relative to the content root: `chapters/zh/02-ethics.md`. */
    source: string;
    /** The edition's language. */
    edition: string;
    selector: [QuoteSelector] | [QuoteSelector, PositionSelector];
  };
  status: 'open' | 'resolved';
  replies: Reply[];
}

/** Limits on what a comment may hold. */
export const limits = {
  /** Characters of a body. */
  body: 4000,
  /** Characters of a quote. */
  quote: 2000,
  /** Characters of a prefix or suffix. */
  context: 64,
  /** Characters of a name. */
  name: 80,
  /** Replies to one comment. */
  replies: 200,
  /** Comments in one file. */
  comments: 5000,
};

/** A problem with a comment's JSON: the field and what was expected. */
export class AnnotationProblem extends Error {}

const object = (value: unknown, what: string): Record<string, unknown> => {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new AnnotationProblem(`expected ${what} to be an object`);
  return value as Record<string, unknown>;
};

const text = (value: unknown, what: string, max: number, empty = false): string => {
  if (typeof value !== 'string') throw new AnnotationProblem(`expected \`${what}\` to be text`);
  if (!empty && value.trim() === '') throw new AnnotationProblem(`expected \`${what}\` not to be empty`);
  if (value.length > max) throw new AnnotationProblem(`expected \`${what}\` of at most ${max} characters`);
  return value;
};

const date = (value: unknown, what: string): string => {
  const value_ = text(value, what, 40);
  if (Number.isNaN(Date.parse(value_))) throw new AnnotationProblem(`expected \`${what}\` to be a date and time`);
  return new Date(value_).toISOString();
};

const creatorOf = (value: unknown, what: string): Creator => ({
  type: 'Person',
  name: text(object(value, `\`${what}\``)['name'], `${what}.name`, limits.name).trim(),
});

/** A body: a `TextualBody`, or a bare string as some tools write it; never HTML. */
const bodyOf = (value: unknown, what: string): TextBody => {
  const body = typeof value === 'string' ? { value } : object(value, `\`${what}\``);
  const format = body['format'];
  if (format !== undefined && format !== 'text/plain')
    throw new AnnotationProblem(`expected \`${what}.format\` to be \`text/plain\`: a comment is plain text`);
  return { type: 'TextualBody', value: text(body['value'], `${what}.value`, limits.body), format: 'text/plain' };
};

/** An id: a URN, or a short token of letters, digits and dashes. */
const idOf = (value: unknown, what: string): string => {
  const id = text(value, what, 100);
  if (!/^(?:urn:uuid:)?[A-Za-z0-9-]{4,64}$/.test(id))
    throw new AnnotationProblem(`expected \`${what}\` such as \`urn:uuid:…\``);
  return id;
};

/**
 * A comment from JSON as it was stored or sent: its fields checked and copied, nothing else kept.
 *
 * @param value Parsed JSON.
 * @returns The comment.
 * @throws AnnotationProblem naming the field.
 */
export function toAnnotation(value: unknown): Annotation {
  const raw = object(value, 'a comment');
  const target = object(raw['target'], '`target`');
  const selectors = Array.isArray(target['selector']) ? target['selector'] : [target['selector']];
  const quote = selectors
    .map((selector) => object(selector, '`target.selector`'))
    .find((s) => s['type'] === 'TextQuoteSelector');
  if (!quote) throw new AnnotationProblem('expected a `TextQuoteSelector` in `target.selector`');
  const position = selectors
    .map((selector) => object(selector, '`target.selector`'))
    .find((s) => s['type'] === 'TextPositionSelector');
  const quoteSelector: QuoteSelector = {
    type: 'TextQuoteSelector',
    exact: text(quote['exact'], 'target.selector.exact', limits.quote),
    prefix: text(quote['prefix'] ?? '', 'target.selector.prefix', limits.context, true),
    suffix: text(quote['suffix'] ?? '', 'target.selector.suffix', limits.context, true),
  };
  const start = Number(position?.['start']);
  const end = Number(position?.['end']);
  const status = raw['status'] ?? 'open';
  if (status !== 'open' && status !== 'resolved')
    throw new AnnotationProblem('expected `status` to be `open` or `resolved`');
  const replies = raw['replies'] ?? [];
  if (!Array.isArray(replies) || replies.length > limits.replies)
    throw new AnnotationProblem(`expected \`replies\` to be a list of at most ${limits.replies}`);
  const source = text(target['source'], 'target.source', 300);
  if (!sourcePattern.test(source))
    throw new AnnotationProblem(
      'expected `target.source` to be a chapter or case of the book, such as `chapters/02-ethics.md`',
    );
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: idOf(raw['id'], 'id'),
    type: 'Annotation',
    motivation: 'commenting',
    created: date(raw['created'], 'created'),
    ...(raw['modified'] !== undefined ? { modified: date(raw['modified'], 'modified') } : {}),
    creator: creatorOf(raw['creator'], 'creator'),
    body: bodyOf(raw['body'], 'body'),
    target: {
      source,
      edition: text(target['edition'] ?? '', 'target.edition', 20, true),
      selector:
        Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && end >= start
          ? [quoteSelector, { type: 'TextPositionSelector', start, end }]
          : [quoteSelector],
    },
    status,
    replies: replies.map((reply: unknown, index) => {
      const fields = object(reply, `\`replies[${index}]\``);
      return {
        id: idOf(fields['id'], `replies[${index}].id`),
        created: date(fields['created'], `replies[${index}].created`),
        creator: creatorOf(fields['creator'], `replies[${index}].creator`),
        body: bodyOf(fields['body'], `replies[${index}].body`),
      };
    }),
  };
}

/** A chapter's or case's Markdown file, relative to the root, without `..` or a leading `/`. */
const sourcePattern = /^(?:chapters|cases)\/(?:[a-z]{2,3}(?:-[A-Za-z0-9]+)*\/)?[A-Za-z0-9][A-Za-z0-9_.-]*\.md$/;

/**
 * Where a source's comments are kept: `review/` and its path, `.jsonl` for `.md`.
 *
 * @param source A source path (`chapters/en/02-ethics.md`).
 * @returns The comments file's path, relative to the root.
 */
export function reviewPath(source: string): string {
  return `review/${source.replace(/\.md$/, '.jsonl')}`;
}

/**
 * Read a comments file: one comment per line. A line that is not a comment is a located
 * `review-format` error; the others are read.
 *
 * @param file The JSON Lines file.
 * @returns Its comments, with the line each stands on.
 */
export function readAnnotations(file: VFile): { annotation: Annotation; line: number }[] {
  const source = file.path.replace(/^review\//, '').replace(/\.jsonl$/, '.md');
  const read: { annotation: Annotation; line: number }[] = [];
  String(file.value)
    .split('\n')
    .forEach((text, index) => {
      if (text.trim() === '') return;
      const line = index + 1;
      try {
        if (read.length >= limits.comments)
          throw new AnnotationProblem(`expected at most ${limits.comments} comments in a file`);
        const annotation = toAnnotation(JSON.parse(text));
        if (annotation.target.source !== source)
          throw new AnnotationProblem(`expected \`target.source\` to be \`${source}\`, the file this one is kept for`);
        read.push({ annotation, line });
      } catch (problem) {
        if (!(problem instanceof AnnotationProblem || problem instanceof SyntaxError)) throw problem;
        const reason =
          problem instanceof SyntaxError
            ? `expected one comment as JSON on each line (${problem.message})`
            : problem.message;
        error(file, `Unexpected comment: ${reason}`, { line, column: 1 }, 'review-format');
      }
    });
  return read;
}

/**
 * A comments file's text: one comment per line, in the order given.
 *
 * @param annotations Comments.
 * @returns JSON Lines.
 */
export function writeAnnotations(annotations: readonly Annotation[]): string {
  return annotations.map((annotation) => `${JSON.stringify(annotation)}\n`).join('');
}
