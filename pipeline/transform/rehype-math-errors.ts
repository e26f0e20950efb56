/**
 * A formula KaTeX cannot read is an error at the formula, with KaTeX's reason: the build does
 * not publish a red error box in its place. The message points at the character KaTeX stopped
 * at, inside the formula, not at its first `$`.
 */
import type { Element, Root } from 'hast';
import { toString } from 'hast-util-to-string';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';

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
      message.reason = `Unexpected formula, expected one KaTeX can read: ${cause.replace(/^KaTeX parse error:\s*/i, '').replace(/\s+/g, ' ')}`;
      message.message = message.reason;
      const at = insideFormula(file, message.place, message.ancestors?.at(-1), message.cause);
      if (at) Object.assign(message, { place: at, line: at.line, column: at.column });
      // KaTeX's error and the tree around the formula are for debugging, not for the report.
      message.cause = undefined;
      message.ancestors = undefined;
    }
  };
}

/**
 * Where in the source KaTeX's error position lies: the formula's text is followed through the
 * source from its opening dollars (indentation and container marks that the text lacks are
 * stepped over).
 */
function insideFormula(file: VFile, place: unknown, node: unknown, cause: unknown): Point | undefined {
  const start = (place as { start?: Point } | undefined)?.start;
  const position = (cause as { position?: unknown } | undefined)?.position;
  if (start?.offset === undefined || typeof position !== 'number' || (node as Element | undefined)?.type !== 'element')
    return undefined;
  const tex = toString(node as Element);
  const source = String(file.value);
  const classes = (node as Element).properties['className'];
  // A display formula starts on the line after its fence; an inline one after its dollars.
  let at =
    Array.isArray(classes) && classes.includes('math-display') ? source.indexOf('\n', start.offset) + 1 : start.offset;
  while (source[at] === '$') at++;
  for (let index = 0; index < position && at > 0 && at < source.length; at++) if (source[at] === tex[index]) index++;
  return location(file).toPoint(at);
}
