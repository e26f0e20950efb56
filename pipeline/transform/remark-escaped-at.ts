/**
 * Mark every `@` the author escaped (`\@`), so that it never starts a citation.
 */
import type { CompileContext, Extension, Token } from 'mdast-util-from-markdown';
import type { Processor } from 'unified';
import { escapedAt } from './citation-syntax.js';

/**
 * The parser turns `\@` into a plain `@`, and what was escaped shows only while it parses. This
 * plugin adds a handler to the parser: an escaped `@` enters the text with the marker
 * `escapedAt` before it. `rehypeCite` starts no citation at a marked `@`, and removes the
 * markers; GFM's e-mail autolinks do not link across one either.
 *
 * @this {Processor} The processor whose parser gets the handler.
 */
export function remarkEscapedAt(this: Processor): undefined {
  const extensions = (this.data('fromMarkdownExtensions') ?? []) as Extension[];
  extensions.push({ exit: { characterEscapeValue: exitEscape } });
  this.data('fromMarkdownExtensions', extensions);
}

/** mdast-util-from-markdown's own handler for data, with the marker before an escaped `@`. */
function exitEscape(this: CompileContext, token: Token): undefined {
  const tail = this.stack.pop();
  const value = this.sliceSerialize(token);
  if (tail && 'value' in tail) {
    tail.value += value === '@' ? escapedAt + value : value;
    if (tail.position) tail.position.end = { line: token.end.line, column: token.end.column, offset: token.end.offset };
  }
}
