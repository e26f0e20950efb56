/**
 * Markdown VFile → hast, through one frozen unified processor reused for every file.
 */
import type { Root as HastRoot } from 'hast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { rehypeCollectSections } from './rehype-collect-sections.js';
import { rehypeHeadingIds } from './rehype-heading-ids.js';
import { rehypeImages, type Options as ImageOptions } from './rehype-images.js';
import { rehypeScopeIds } from './rehype-scope-ids.js';
import { remarkRequiredSections } from './remark-required-sections.js';
import { remarkStats } from './remark-stats.js';

/** Options of the processor. */
export interface Options {
  /** Content root: images must resolve inside it. */
  root: string;
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
      .use(remarkParse)
      // Front matter was read by `load`; here it only has to be kept out of the body.
      .use(remarkFrontmatter, ['yaml'])
      .use(remarkGfm)
      .use(remarkRequiredSections)
      .use(remarkStats)
      // Raw HTML stays off: submissions are untrusted, and chapters are treated the same.
      .use(remarkRehype, { allowDangerousHtml: false, clobberPrefix: '', footnoteLabel: 'Notes', footnoteLabelTagName: 'h2' })
      .use(rehypeHeadingIds)
      // After every id exists: prefix them all so that files can share one print document.
      .use(rehypeScopeIds)
      .use(rehypeCollectSections)
      .use(rehypeImages, imageOptions)
      .freeze()
  );
}

/** A processor made by `createProcessor`. */
export type Processor = ReturnType<typeof createProcessor>;

/**
 * Transform one Markdown file.
 *
 * @param processor Processor from `createProcessor`.
 * @param file File whose `data.idPrefix` is set; messages are added to it.
 * @returns The body as hast.
 */
export async function transformFile(processor: Processor, file: VFile): Promise<HastRoot> {
  return processor.run(processor.parse(file), file);
}
