/**
 * rehype-katex, with KaTeX's console quiet. KaTeX writes "No character metrics for …" to
 * `console.warn` for every character its fonts do not measure (a zero-width space, a Han
 * character in `\text{}`): a submitted formula could fill the editor's terminal, and the line
 * says neither file nor place. KaTeX sets such a character in the surrounding font, which the
 * glyph check covers, so the line says nothing a message does not.
 */
import type { Root } from 'hast';
import rehypeKatex, { type Options } from 'rehype-katex';
import type { VFile } from 'vfile';

/** What KaTeX says on the console that is not a problem of the formula. */
const metrics = /^No character metrics for /;

/**
 * @param options rehype-katex's options.
 * @returns The transformer: rehype-katex's, with KaTeX's metric lines dropped.
 */
export function rehypeKatexQuiet(options: Options) {
  const transform = rehypeKatex(options);
  return (tree: Root, file: VFile): undefined => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (!metrics.test(String(args[0]))) warn(...args);
    };
    try {
      transform(tree, file);
    } finally {
      console.warn = warn;
    }
  };
}
