/**
 * The checks of a submitted case that need no file system: its front matter against the case
 * schema, its sections, its raw HTML and its images against the files it brings. The same
 * modules as `check`, so the same rule ids and words; compiled for the browser, this is what the
 * submission form runs as the submitter types, and `whitepaper import` runs it before `check`.
 */
import type { Element, Root as HastRoot } from 'hast';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { VFile } from 'vfile';
import type { OwnLabels } from '../data/languages/index.js';
import { readFrontMatter } from '../load/front-matter.js';
import { error } from '../model/message.js';
import { walk } from '../shared/walk.js';
import { prescanDefaults } from '../transform/prescan.js';
import { imageSource, missingImage } from '../transform/image-source.js';
import { rehypeRawIfNeeded } from '../transform/rehype-raw-if-needed.js';
import { rehypeSanitizeHtml } from '../transform/rehype-sanitize-html.js';
import { remarkDepthLimit } from '../transform/remark-depth-limit.js';
import { remarkHtmlBlocks } from '../transform/remark-html-blocks.js';
import { remarkLintContent } from '../transform/remark-lint-content.js';
import { remarkRequiredSections } from '../transform/remark-required-sections.js';
import { toHastOptions, transformFile } from '../transform/run.js';
import { markdownSyntax } from '../transform/syntax.js';
import { declaredLanguage, validateCaseStudy, type CaseHead } from '../validate/case-study.js';
import { casePath, imageFolder, imageProblem, submissionLimits } from './layout.js';

/** A case as submitted. */
export interface Submission {
  slug: string;
  /** The Markdown, front matter and body. */
  text: string;
  /** Its images: file name (in `cases/images/<slug>/`) → bytes. */
  images: ReadonlyMap<string, Uint8Array>;
}

/** What the book a case is submitted to decides. */
export interface SubmissionContext {
  /** The book's language: a case without `language:` is in it. */
  language: string;
  /** Country codes the book adds to the Asian ones. */
  countries: Readonly<Record<string, string>>;
  /** The book's own fixed text, by language (its case sections). */
  labels?: Readonly<Record<string, OwnLabels>>;
}

/** A checked submission. */
export interface Checked {
  /** The case, with its messages. */
  file: VFile;
  /** One file per image with a problem (`cases/images/<slug>/<name>`), with its message. */
  images: VFile[];
  head: CaseHead | undefined;
  /** The body as the site would show it, sanitised; images point at their names. */
  body: HastRoot;
}

/** Images of a submission: each must be among the files it brings; `src` then names the file. */
function rehypeAttachedImages(options: { slug: string; names: ReadonlySet<string> }) {
  return (tree: HastRoot, file: VFile): undefined => {
    walk(tree, 'element', (node: Element) => {
      if (node.tagName !== 'img') return;
      const src = String(node.properties['src'] ?? '');
      const source = imageSource(node, file);
      if (!source || source === 'remote') return;
      // Resolved as `check` resolves it: from the case's folder, or from the root with a `/`.
      const path = resolvePath(source.fromRoot ? source.path.slice(1) : `cases/${source.path}`);
      const folder = `${imageFolder(options.slug)}/`;
      const name = path?.startsWith(folder) ? path.slice(folder.length) : undefined;
      if (path === undefined || name === undefined || !options.names.has(name)) {
        missingImage(file, node, src, path ?? source.path);
        return;
      }
      node.properties['src'] = name;
    });
  };
}

/** A `/`-separated path with `.` and `..` resolved; `undefined` when it leaves the root. */
function resolvePath(path: string): string | undefined {
  const parts: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join('/');
}

/**
 * The processor of submitted cases: `check`'s plugins for what a case's text can get wrong, up to
 * the sanitiser; no formulas typeset, no charts drawn, nothing read from disk.
 */
function submissionProcessor(options: {
  slug: string;
  names: ReadonlySet<string>;
  labels?: SubmissionContext['labels'];
}) {
  return unified()
    .data('prescan', { ...prescanDefaults, maxDepth: 64 })
    .use(remarkParse)
    .use(markdownSyntax)
    .use(remarkHtmlBlocks)
    .use(remarkDepthLimit)
    .use(remarkRequiredSections, { labels: options.labels })
    .use(remarkLintContent)
    .use(remarkRehype, toHastOptions)
    .use(rehypeRawIfNeeded)
    .use(rehypeAttachedImages, options)
    .use(rehypeSanitizeHtml)
    .freeze();
}

/**
 * Check a submitted case.
 *
 * @param submission The case and its images.
 * @param context The book's language, countries and labels.
 * @returns The case's file with its messages, the images' problems, and the sanitised body.
 */
export async function checkSubmission(submission: Submission, context: SubmissionContext): Promise<Checked> {
  const { slug, text } = submission;
  const file = new VFile({ path: casePath(slug), value: text });
  file.data.kind = 'case';
  const images = [...submission.images].flatMap(([name, bytes]) => {
    const problem = imageProblem(name, bytes);
    if (!problem) return [];
    const image = new VFile({ path: `${imageFolder(slug)}/${name}` });
    error(image, problem, { line: 1, column: 1 }, 'submission-image');
    return [image];
  });
  if (submission.images.size > submissionLimits.images)
    error(
      file,
      `Unexpected ${submission.images.size} images, expected at most ${submissionLimits.images}`,
      { line: 1, column: 1 },
      'submission-image',
    );
  if (new TextEncoder().encode(text).length > submissionLimits.caseBytes) {
    error(
      file,
      `Unexpected case of more than ${submissionLimits.caseBytes / 1024} KB, expected a shorter text`,
      { line: 1, column: 1 },
      'file-size',
    );
    return { file, images, head: undefined, body: { type: 'root', children: [] } };
  }
  readFrontMatter(file);
  const head = file.messages.length === 0 ? validateCaseStudy(file, context.countries) : undefined;
  file.data.language = head?.meta.language ?? declaredLanguage(file.data.matter) ?? context.language;
  const names = new Set(
    [...submission.images.keys()].filter((name) => !images.some((image) => image.basename === name)),
  );
  const body = await transformFile(submissionProcessor({ slug, names, labels: context.labels }), file);
  return { file, images, head, body };
}
