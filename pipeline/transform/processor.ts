/**
 * Markdown VFile → hast, through one frozen unified processor reused for every file.
 */
import { rehypeMathErrors } from './rehype-math-errors.js';
import { rehypeEquations } from './rehype-equations.js';
import remarkParse from 'remark-parse';
import { markdownSyntax } from './syntax.js';
import { toHastOptions } from './run.js';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { rehypeCollectSections } from './rehype-collect-sections.js';
import { rehypeChangeIds } from './rehype-change-ids.js';
import { rehypeCite } from './rehype-cite.js';
import { rehypeCollectAnchors } from './rehype-collect-anchors.js';
import { rehypeSourceNotes } from './rehype-source-notes.js';
import { rehypeFigures } from './rehype-figures.js';
import { rehypeCharts } from './rehype-charts.js';
import { remarkChartBlocks } from './remark-chart-blocks.js';
import { rehypeFootnoteLabels } from './rehype-footnote-labels.js';
import { rehypeHeadingIds } from './rehype-heading-ids.js';
import { rehypeImages, type Options as ImageOptions } from './rehype-images.js';
import { rehypeSanitizeHtml } from './rehype-sanitize-html.js';
import { rehypeRawIfNeeded } from './rehype-raw-if-needed.js';
import { rehypeScopeIds } from './rehype-scope-ids.js';
import { rehypeTableAlign } from './rehype-table-align.js';
import { rehypeSectionLabels } from './rehype-section-labels.js';
import { remarkChangeMarks } from './remark-change-marks.js';
import { remarkCjkBreaks } from './remark-cjk-breaks.js';
import { remarkCjkSpacing } from './remark-cjk-spacing.js';
import { remarkDepthLimit } from './remark-depth-limit.js';
import { remarkHtmlBlocks } from './remark-html-blocks.js';
import { rehypeLinks } from './rehype-links.js';
import { rehypeGlyphs } from './rehype-glyphs.js';
import type { Coverage } from '../load/font-coverage.js';
import { prescanDefaults, type PrescanLimits } from './prescan.js';
import { remarkLintContent } from './remark-lint-content.js';
import { remarkRequiredSections } from './remark-required-sections.js';
import { remarkStats } from './remark-stats.js';
import { remarkTypography } from './remark-typography.js';
import { rehypeKatexQuiet } from './rehype-katex-quiet.js';
import { rehypeCodeBreaks } from './rehype-code-breaks.js';
import type { OwnLabels } from '../data/languages/index.js';

/** KaTeX's settings: what a formula from a submitted case may cost (the guide, "Untrusted input"). */
export const katexOptions = {
  output: 'htmlAndMathml',
  strict: 'ignore',
  trust: false,
  maxSize: 10,
  maxExpand: 1000,
} as const;

/** Options of the processor. */
export interface Options {
  /** Content root: images must resolve inside it. */
  root: string;
  /** Keys of the bibliography, for bare `@key` citations. */
  citationKeys?: ReadonlySet<string>;
  /** Deepest Markdown nesting accepted (default 64). */
  maxDepth?: number;
  /** What the installed fonts cover: characters outside it are `glyph-missing` warnings. */
  coverage?: Coverage | null;
  /** Limits of the pre-scan besides `maxDepth`: footnotes, table cells, bracket nesting. */
  prescan?: Partial<Omit<PrescanLimits, 'maxDepth'>>;
  /** Typographic quotes, apostrophes, dashes and ellipses (default `true`; the CommonMark conformance test turns them off). */
  typography?: boolean;
  /** The book's own fixed text, by language (`translations.<tag>.labels`). */
  labels?: Readonly<Record<string, OwnLabels>>;
}

/**
 * Build the processor. The order matters and is fixed here.
 *
 * @param options Where the content lives.
 * @returns A frozen processor whose `run` yields hast.
 */
export function createProcessor(options: Options) {
  const imageOptions: ImageOptions = { root: options.root };
  return (
    unified()
      // Read by `transformFile`: the pre-scan's limits.
      .data('prescan', {
        ...prescanDefaults,
        ...options.prescan,
        maxDepth: options.maxDepth ?? 64,
      } satisfies PrescanLimits)
      .use(remarkParse)
      .use(markdownSyntax)
      // `<aside>`, `<details>` and `markdown="1"` blocks: their content is Markdown (bounded recursion).
      .use(remarkHtmlBlocks)
      // First after parsing: everything below recurses into the tree.
      .use(remarkDepthLimit, options.maxDepth === undefined ? {} : { maxDepth: options.maxDepth })
      .use(remarkRequiredSections, { labels: options.labels })
      .use(remarkLintContent)
      .use(remarkStats)
      // Chart blocks are noted here and drawn after the sanitiser (`rehypeCharts`).
      .use(remarkChartBlocks)
      // A line break between CJK characters is no space (CSS Text's segment-break rules).
      .use(remarkCjkBreaks)
      // A space typed between CJK and Latin letters or digits: the style sheets set that gap.
      .use(remarkCjkSpacing)
      // Typographic quotes, apostrophes, dashes (-- en, --- em) and ellipses in running text; code
      // and raw HTML are left as written.
      .use(options.typography === false ? [] : [remarkTypography])
      .use(remarkChangeMarks)
      // Raw HTML is parsed so that it can be checked, then sanitised unless the file is trusted.
      .use(remarkRehype, toHastOptions)
      .use(rehypeFootnoteLabels, { labels: options.labels })
      .use(rehypeRawIfNeeded)
      // Before sanitising: a rejected image gets a message that says why, not just a missing src.
      .use(rehypeImages, imageOptions)
      .use(rehypeSanitizeHtml)
      // Formulas to HTML and MathML at build time, after the sanitiser (KaTeX's markup is the
      // build's own); a formula KaTeX cannot read is an error at it.
      .use(rehypeEquations)
      // Bounded on purpose (the guide, "Untrusted input"): sizes (`\rule`, `\kern`, `\hspace`) capped
      // at 10 em, at most 1,000 macro expansions, no `\href`, `\url`, `\includegraphics` or
      // `\html…` (trust off), and LaTeX-compatibility warnings not reported.
      .use(rehypeKatexQuiet, katexOptions)
      .use(rehypeMathErrors)
      // `{#sec:x}` labels before automatic ids, so that the label wins.
      .use(rehypeSectionLabels)
      .use(rehypeHeadingIds)
      // Chart blocks → figures drawn by Vega-Lite, numbered with the others.
      .use(rehypeCharts, { root: options.root, labels: options.labels })
      .use(rehypeFigures)
      .use(rehypeSourceNotes, { labels: options.labels })
      .use(rehypeTableAlign)
      // Long inline code may break after its punctuation (no loose justified lines before it).
      .use(rehypeCodeBreaks)
      .use(rehypeCite, options.citationKeys ? { keys: options.citationKeys } : {})
      // After every id exists: prefix them all so that files can share one print document.
      .use(rehypeScopeIds)
      // Links to other files become placeholders; links within the file are checked.
      .use(rehypeLinks)
      .use(rehypeChangeIds)
      .use(rehypeGlyphs, { coverage: options.coverage })
      .use(rehypeCollectSections)
      .use(rehypeCollectAnchors)
      .freeze()
  );
}

/** A processor made by `createProcessor`. */
export type Processor = ReturnType<typeof createProcessor>;

export { transformFile } from './run.js';
