/**
 * A formula KaTeX cannot read is an error at the formula, with KaTeX's reason: the build does
 * not publish a red error box in its place.
 */
import type { Root } from 'hast';
import type { VFile } from 'vfile';

/**
 * Runs after `rehype-katex`, which reports a formula it cannot parse as a message of its own.
 *
 * @returns Transformer.
 */
export function rehypeMathErrors() {
  return (_tree: Root, file: VFile): undefined => {
    for (const message of file.messages) {
      if (message.source !== 'rehype-katex') continue;
      message.fatal = true;
      message.ruleId = 'math-invalid';
      message.source = 'whitepaper';
      const cause = message.cause instanceof Error ? message.cause.message : message.reason;
      message.reason = `Unexpected formula, expected one KaTeX can read: ${cause.replace(/^KaTeX parse error:\s*/i, '')}`;
      message.message = message.reason;
      // KaTeX's error and the tree around the formula are for debugging, not for the report.
      message.cause = undefined;
      message.ancestors = undefined;
    }
  };
}
