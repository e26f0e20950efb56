/**
 * Mark every `@` the author escaped (`\@`), so that it never starts a citation.
 */
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { escapedAt } from '../citations/syntax.js';

/**
 * The parser turns `\@` into a plain `@`: which ones were escaped shows only in the source.
 * Each text node's source is walked beside its value (escapes, character references and the
 * indentation the parser drops are the only differences) and an escaped `@` gets the marker
 * `escapedAt` before it; `rehypeCite` skips marked ones and removes the markers.
 *
 * @returns Transformer.
 */
export function remarkEscapedAt() {
  return (tree: Root, file: VFile): undefined => {
    const text = String(file.value);
    if (!text.includes('\\@')) return;
    visit(tree, 'text', (node) => {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start === undefined || end === undefined || !node.value.includes('@')) return;
      const source = text.slice(start, end);
      if (!source.includes('\\@')) return;
      const escaped = escapedOffsets(source, node.value);
      if (escaped.size === 0) return;
      let value = '';
      for (const [index, char] of [...node.value].entries()) value += escaped.has(index) ? escapedAt + char : char;
      node.value = value;
    });
  };
}

/**
 * Positions (in code points of `value`) of the characters written as backslash escapes.
 *
 * @param source The node's Markdown source.
 * @param value The text the parser made of it.
 * @returns Indices of escaped `@` characters in `value`.
 */
function escapedOffsets(source: string, value: string): Set<number> {
  const found = new Set<number>();
  const chars = [...value];
  let i = 0;
  let j = 0;
  while (i < source.length && j < chars.length) {
    const char = String.fromCodePoint(source.codePointAt(i) ?? 0);
    if (char === '\\' && /[!-/:-@[-`{-~]/.test(source[i + 1] ?? '') && chars[j] === source[i + 1]) {
      if (chars[j] === '@') found.add(j);
      i += 2;
      j += 1;
    } else if (char === chars[j]) {
      i += char.length;
      j += 1;
    } else if (char === '&') {
      const reference = /^&(?:#[xX]([0-9A-Fa-f]{1,6})|#(\d{1,7})|([A-Za-z][A-Za-z0-9]{0,31}));/.exec(source.slice(i, i + 40));
      if (!reference) return found;
      const decoded = reference[1] ? String.fromCodePoint(Number.parseInt(reference[1], 16)) : reference[2] ? String.fromCodePoint(Number(reference[2])) : decodeNamedCharacterReference(reference[3] ?? '') || '';
      i += reference[0].length;
      j += [...decoded].length;
    } else if (/\s/.test(char)) {
      i += 1;
    } else {
      // Source and value have parted ways: stop rather than mark the wrong character.
      return found;
    }
  }
  return found;
}
