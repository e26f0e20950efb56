/**
 * Warn at characters no font of the build can draw: they would print as empty boxes.
 */
import type { Root, RootContent, Text } from 'hast';
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import type { Coverage } from '../load/font-coverage.js';
import { warn } from '../model/message.js';

/** Options of `rehypeGlyphs`. */
export interface Options {
  /** What the fonts cover; without it nothing is checked. */
  coverage?: Coverage | null | undefined;
}

/** Characters that draw nothing themselves: spaces, controls, formats, combining and variation marks. */
const invisible = /[\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Mn}\p{Me}\p{Co}]/u;

/**
 * Each character of the text that no installed font covers is a `glyph-missing` warning at its
 * first place in the file, naming the character and its code point.
 *
 * @param options The fonts' coverage.
 * @returns Transformer.
 */
export function rehypeGlyphs(options: Options = {}) {
  const { coverage } = options;
  return (tree: Root, file: VFile): undefined => {
    if (!coverage) return;
    const reported = new Set<number>();
    // Text made by a later plugin (a code block's highlighting) has no position: it is located at
    // the nearest element that has one.
    const visit = (node: Root | RootContent, near: Point | undefined): void => {
      if (node.type === 'element' && (node.tagName === 'script' || node.tagName === 'style')) return;
      if (node.type === 'text') check(node, near);
      if ('children' in node) for (const child of node.children) visit(child, node.position?.start ?? near);
    };
    const check = (node: Text, near: Point | undefined) => {
      let column = 0;
      let line = 0;
      for (const char of node.value) {
        if (char === '\n') {
          line++;
          column = 0;
          continue;
        }
        column += char.length;
        const codePoint = char.codePointAt(0) ?? 0;
        if (codePoint < 0x80 || reported.has(codePoint) || invisible.test(char) || coverage.has(codePoint)) continue;
        reported.add(codePoint);
        const start = node.position?.start;
        // Text of one source line maps column for column; further lines are located at their line.
        const place = start
          ? line === 0
            ? { line: start.line, column: start.column + column - char.length }
            : { line: start.line + line, column: 1 }
          : near;
        const name = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
        warn(
          file,
          `Unexpected character \`${char}\` (${name}) that no installed font covers, expected text the fonts can draw: it prints as an empty box (install a font with it)`,
          place,
          'glyph-missing',
        );
      }
    };
    visit(tree, undefined);
  };
}
