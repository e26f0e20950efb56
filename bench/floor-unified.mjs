/**
 * Floor (a): plain unified, Markdown to HTML, over the same files, in one process, with plain
 * Node (no compile step): the least a Markdown-to-HTML tool could do.
 * Usage: node bench/floor-unified.mjs <content root>
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const root = process.argv[2] ?? '.';
const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkGfm)
  .use(remarkRehype)
  .use(rehypeStringify)
  .freeze();
let bytes = 0;
for (const folder of ['chapters', 'cases']) {
  for (const name of readdirSync(join(root, folder))
    .filter((file) => file.endsWith('.md'))
    .sort()) {
    bytes += String(processor.processSync(readFileSync(join(root, folder, name), 'utf8'))).length;
  }
}
process.stdout.write(`${bytes}\n`);
