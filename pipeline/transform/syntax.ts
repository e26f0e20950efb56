/**
 * The Markdown the book reads, after `remark-parse`: front matter kept out of the body, GFM,
 * formulas (an amount of money between dollar signs stays text; a `$$` never closed is an
 * error), `\@` that starts no citation, autolinks of the schemes the book allows. One preset for
 * the build's processor and the submission form's, so both read a file alike.
 */
import type { Preset } from 'unified';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMath from 'remark-math';
import { remarkAutolinkProtocols } from './remark-autolink-protocols.js';
import { remarkEscapedAt } from './remark-escaped-at.js';
import { remarkMathBlocks } from './remark-math-blocks.js';
import { remarkMathDollars } from './remark-math-dollars.js';

export const markdownSyntax: Preset = {
  plugins: [
    // Front matter was read by `load`; here it only has to be kept out of the body.
    [remarkFrontmatter, ['yaml']],
    remarkGfm,
    // `$…$` and `$$…$$` formulas; an amount of money between dollar signs stays text.
    remarkMath,
    remarkMathDollars,
    // A `$$` never closed is an error, not a formula swallowing the rest of the file.
    remarkMathBlocks,
    // A parser handler: `\@` enters the text marked, so that it starts no citation.
    remarkEscapedAt,
    remarkAutolinkProtocols,
  ],
};
