/**
 * Run a processor over one Markdown file, within the pre-scan's limits: the build's processor and
 * the submission form's (which runs in a browser) alike.
 */
import type { Root as HastRoot } from 'hast';
import type { Root as MdastRoot } from 'mdast';
import type { VFile } from 'vfile';
import { VFileMessage } from 'vfile-message';
import { error } from '../model/message.js';
import { walk } from '../shared/walk.js';
import { prescan, type PrescanLimits } from './prescan.js';

/** Markdown → HTML: raw HTML kept to be checked and sanitised; footnote ids unprefixed (the ids are scoped later). */
export const toHastOptions = {
  allowDangerousHtml: true,
  clobberPrefix: '',
  footnoteLabel: 'Notes',
  footnoteLabelTagName: 'h2',
} as const;

/** What `transformFile` needs of a frozen unified processor. */
export interface Runnable {
  data(key: 'prescan'): PrescanLimits | undefined;
  parse(file: VFile): MdastRoot;
  run(tree: MdastRoot, file: VFile): Promise<HastRoot>;
}

/**
 * Transform one Markdown file.
 *
 * @param processor A frozen processor (`createProcessor`), with its pre-scan limits as `data('prescan')`.
 * @param file File whose `data.idPrefix` is set; messages are added to it.
 * @returns The body as hast; empty when the file failed (the reason is a message on it).
 */
export async function transformFile(processor: Runnable, file: VFile): Promise<HastRoot> {
  // Shapes the parser would spend unbounded work on are refused before it sees them.
  const limits = processor.data('prescan');
  const problem = limits ? prescan(String(file.value), limits) : undefined;
  if (problem) {
    error(file, problem.reason, problem.place, problem.ruleId);
    return { type: 'root', children: [] };
  }
  try {
    return withoutPositions(await processor.run(processor.parse(file), file));
  } catch (cause) {
    // `file.fail` has recorded the message already; the file has no body to publish.
    if (cause instanceof VFileMessage && file.messages.includes(cause)) return { type: 'root', children: [] };
    // Nesting deep enough to overflow the parser's own recursion never reaches the depth check.
    if (cause instanceof RangeError && /call stack/i.test(cause.message)) {
      error(
        file,
        'Unexpected nesting too deep to process, expected flatter Markdown',
        deepestLine(String(file.value)),
        'markdown-depth',
      );
      return { type: 'root', children: [] };
    }
    throw cause;
  }
}

/**
 * The body without its nodes' positions: every message that needed one has been made (and what
 * later stages report on, such as citations and links, keeps its own place in `file.data`).
 * Positions were most of a body's objects: dropping them halves what crosses from the worker,
 * what the cache holds and what a build keeps in memory while it prints.
 */
function withoutPositions(tree: HastRoot): HastRoot {
  walk(tree, (node) => {
    delete node.position;
  });
  return tree;
}

/** The line with the longest run of block-quote markers and indentation: where nesting is deepest. */
function deepestLine(text: string): { line: number; column: number } {
  let best = { line: 1, column: 1 };
  let longest = -1;
  for (const [index, line] of text.split('\n').entries()) {
    const prefix = /^[\s>*+-]*/.exec(line)?.[0].length ?? 0;
    if (prefix > longest) {
      longest = prefix;
      best = { line: index + 1, column: 1 };
    }
  }
  return best;
}
