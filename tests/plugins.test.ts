/**
 * The transform's plugins one by one, each on a tiny tree, with the exact tree (or message) it
 * gives: what `transform.test.ts` checks through the whole processor, here in isolation, so a
 * failure names the plugin.
 */
import { describe, expect, test } from '@jest/globals';
import type { Element, Root as HastRoot } from 'hast';
import { h } from 'hastscript';
import type { Root as MdastRoot } from 'mdast';
import { unified, type Plugin } from 'unified';
import { VFile } from 'vfile';
import { rehypeCodeBreaks } from '../pipeline/transform/rehype-code-breaks.js';
import { rehypeFigures } from '../pipeline/transform/rehype-figures.js';
import { styleWidth } from '../pipeline/transform/image-width.js';
import { rehypeFootnoteLabels } from '../pipeline/transform/rehype-footnote-labels.js';
import { rehypeHeadingIds } from '../pipeline/transform/rehype-heading-ids.js';
import { rehypeScopeIds } from '../pipeline/transform/rehype-scope-ids.js';
import { rehypeSectionLabels } from '../pipeline/transform/rehype-section-labels.js';
import { rehypeTableAlign } from '../pipeline/transform/rehype-table-align.js';
import { remarkCjkBreaks } from '../pipeline/transform/remark-cjk-breaks.js';
import { remarkCjkSpacing } from '../pipeline/transform/remark-cjk-spacing.js';
import { labelsFor } from '../pipeline/data/languages/index.js';
import { remarkDepthLimit } from '../pipeline/transform/remark-depth-limit.js';
import { curlQuotes, remarkTypography } from '../pipeline/transform/remark-typography.js';
import { trailingLabel } from '../pipeline/transform/trailing-label.js';

/** Run one plugin on a tree, as the processor would. */
async function run<Tree extends HastRoot | MdastRoot>(
  plugin: Plugin<[], Tree, Tree> | Plugin<[object?], Tree, Tree>,
  tree: Tree,
  data: VFile['data'] = {},
): Promise<{ tree: Tree; file: VFile }> {
  const file = new VFile({ path: 'chapters/01-x.md', data });
  // A processor of one plugin, used only to run it (unified's own types cannot say which tree).
  const processor = unified().use(plugin as Plugin<[], Tree, Tree>) as unknown as {
    run: (tree: Tree, file: VFile) => Promise<Tree>;
  };
  return { tree: await processor.run(tree, file), file };
}

describe('rehype-table-align', () => {
  test('align becomes a class, kept beside the cell’s own', async () => {
    const { tree } = await run(
      rehypeTableAlign,
      h(null, [
        h('td', { align: 'right', className: ['n'] }, '1'),
        h('th', { align: 'center' }, 'A'),
        h('p', { align: 'left' }),
      ]),
    );
    expect(tree).toEqual(
      h(null, [
        h('td', { className: ['n', 'align-right'] }, '1'),
        h('th', { className: ['align-center'] }, 'A'),
        h('p', { align: 'left' }),
      ]),
    );
  });
});

describe('rehype-table-align: decimals', () => {
  const table = (column: string[], other: string[] = column.map(() => 'x')) =>
    h('table', [
      h('thead', [h('tr', [h('th', 'A'), h('th', 'B')])]),
      h(
        'tbody',
        column.map((cell, index) => h('tr', [h('td', { align: 'right' }, cell), h('td', other[index] ?? '')])),
      ),
    ]);
  const cells = (tree: HastRoot) =>
    (tree.children[0] as ReturnType<typeof h>).children[1]?.type === 'element'
      ? ((tree.children[0] as ReturnType<typeof h>).children[1] as ReturnType<typeof h>).children.map(
          (row) => (row as ReturnType<typeof h>).children[0],
        )
      : [];

  test('a column of numbers with fractions of different lengths lines up on the point', async () => {
    const { tree } = await run(rehypeTableAlign, h(null, [table(['12.5', '3', '0.25%', '-1,234.125'])]));
    expect(cells(tree)).toEqual([
      h('td', { className: ['align-decimal'] }, ['12', h('span', { className: ['decimal-4'] }, '.5')]),
      h('td', { className: ['align-decimal'] }, ['3', h('span', { className: ['decimal-4'] })]),
      h('td', { className: ['align-decimal'] }, ['0', h('span', { className: ['decimal-4'] }, '.25%')]),
      h('td', { className: ['align-decimal'] }, ['-1,234', h('span', { className: ['decimal-4'] }, '.125')]),
    ]);
  });

  test('columns already aligned, or not all numbers, are only right-aligned', async () => {
    for (const column of [['0.3%', '1.1%', '2.8%'], ['12.5', 'n/a'], ['95–98%', '75.5'], ['12.5']]) {
      const { tree } = await run(rehypeTableAlign, h(null, [table(column)]));
      expect(cells(tree)).toEqual(column.map((cell) => h('td', { className: ['align-right'] }, cell)));
    }
  });
});

describe('remark-typography', () => {
  test('quotes curl by SmartyPants’ rules, keeping every offset', () => {
    const cases: [string, string][] = [
      [' "Hello," she said.', ' “Hello,” she said.'],
      [" don't 'quote' it", ' don’t ‘quote’ it'],
      [" the '80s and the 'tis", ' the ’80s and the ‘tis'],
      [' He said, "\'Quoted\' words."', ' He said, “‘Quoted’ words.”'],
      [' "Yes"? "No".', ' “Yes”? “No”.'],
      [' 问：“什么?"才', ' 问：“什么?”才'],
    ];
    for (const [from, to] of cases) expect([from, curlQuotes(from)]).toEqual([from, to]);
  });

  test('dashes and ellipses in text; a quote before emphasis or a link sees what follows; code is left alone', async () => {
    const tree: MdastRoot = {
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'Pages 1--3 --- "' },
            { type: 'emphasis', children: [{ type: 'text', value: 'all' }] },
            { type: 'text', value: '" of it... ' },
            { type: 'inlineCode', value: '"x" -- y' },
            { type: 'text', value: "'s end" },
          ],
        },
      ],
    };
    const { tree: out } = await run(remarkTypography, tree);
    expect(out).toEqual({
      type: 'root',
      children: [
        {
          type: 'paragraph',
          children: [
            { type: 'text', value: 'Pages 1–3 — “' },
            { type: 'emphasis', children: [{ type: 'text', value: 'all' }] },
            { type: 'text', value: '” of it… ' },
            { type: 'inlineCode', value: '"x" -- y' },
            { type: 'text', value: '’s end' },
          ],
        },
      ],
    });
  });
});

describe('rehype-heading-ids', () => {
  test('GitHub ids: Latin lowercased, CJK kept, repeats numbered, symbols only → section', async () => {
    const { tree } = await run(
      rehypeHeadingIds,
      h(null, [
        h('h2', 'Energy & Use'),
        h('h2', 'Energy & Use'),
        h('h3', '公司的法律团队'),
        h('h2', '★'),
        h('h2', { id: 'kept' }, 'Kept'),
      ]),
    );
    expect(tree.children.map((node) => (node.type === 'element' ? node.properties['id'] : null))).toEqual([
      'energy--use',
      'energy--use-1',
      '公司的法律团队',
      'section',
      'kept',
    ]);
  });
});

describe('rehype-section-labels', () => {
  test('a trailing {#sec:…} becomes the id and an anchor, and leaves the text', async () => {
    const { tree } = await run(
      rehypeSectionLabels,
      h(null, [h('h2', 'Energy use {#sec:energy}'), h('p', 'Not {#sec:para}')]),
    );
    expect(tree).toEqual(
      h(null, [h('h2', { id: 'sec-energy', dataAnchor: 'sec:energy' }, 'Energy use'), h('p', 'Not {#sec:para}')]),
    );
  });
});

describe('rehype-scope-ids', () => {
  test('ids and the in-file links and descriptions that name them get the file’s prefix; others stay', async () => {
    const { tree } = await run(
      rehypeScopeIds,
      h(null, [
        h('h2', { id: 'a' }),
        h('a', { href: '#a' }),
        h('a', { href: '#elsewhere' }),
        h('figure', { ariaDescribedBy: ['a', 'b'] }),
      ]),
      { idPrefix: 'intro' },
    );
    expect(tree).toEqual(
      h(null, [
        h('h2', { id: 'intro--a' }),
        h('a', { href: '#intro--a' }),
        h('a', { href: '#elsewhere' }),
        h('figure', { ariaDescribedBy: ['intro--a', 'b'] }),
      ]),
    );
  });
});

describe('rehype-footnote-labels', () => {
  test('the notes heading and back links speak the file’s language', async () => {
    const notes = () =>
      h(null, [
        h('p', 'Text'),
        h('section', { dataFootnotes: true }, [
          h('h2', { id: 'footnote-label' }, 'Footnotes'),
          h('a', { dataFootnoteBackref: '', ariaLabel: 'Back to reference 2-1' }, '↩'),
        ]),
      ]);
    const zh = await run(rehypeFootnoteLabels, notes(), { language: 'zh' });
    const en = await run(rehypeFootnoteLabels, notes(), { language: 'en' });
    const section = (tree: HastRoot) => tree.children[1];
    expect(section(zh.tree)).toEqual(
      h('section', { dataFootnotes: true }, [
        h('h2', { id: 'footnote-label' }, '注释'),
        h('a', { dataFootnoteBackref: '', ariaLabel: '返回引用处2-1' }, '↩'),
      ]),
    );
    expect(section(en.tree)).toEqual(
      h('section', { dataFootnotes: true }, [
        h('h2', { id: 'footnote-label' }, 'Notes'),
        h('a', { dataFootnoteBackref: '', ariaLabel: 'Back to reference 2-1' }, '↩'),
      ]),
    );
  });
});

describe('remark-depth-limit', () => {
  const nested = (depth: number): MdastRoot => {
    let node: MdastRoot['children'][number] = { type: 'paragraph', children: [{ type: 'text', value: 'deep' }] };
    for (let level = 0; level < depth; level++)
      node = {
        type: 'blockquote',
        children: [node],
        position: { start: { line: level + 1, column: 1 }, end: { line: level + 1, column: 2 } },
      };
    return { type: 'root', children: [node] };
  };

  test('a tree within the limit passes untouched', async () => {
    const tree = nested(10);
    expect((await run(remarkDepthLimit, structuredClone(tree))).tree).toEqual(tree);
  });

  test('a deeper one fails at the first node past the limit, with its rule', async () => {
    const file = new VFile({ path: 'chapters/01-x.md' });
    await expect(unified().use(remarkDepthLimit, { maxDepth: 4 }).run(nested(10), file)).rejects.toMatchObject({
      reason: 'Unexpected nesting deeper than 4 levels, expected flatter Markdown',
      ruleId: 'markdown-depth',
      // The outermost quote stands on line 10, so the fifth level down on line 6.
      line: 6,
    });
  });
});

describe('trailing-label', () => {
  test('finds the last label of its kind only, in linear time', () => {
    expect(trailingLabel('Energy use   {#sec:energy}  ', 'sec')).toEqual({ label: 'sec:energy', index: 10 });
    expect(trailingLabel('Energy {#fig:x}', 'sec')).toBeUndefined();
    expect(trailingLabel('{#sec:a} then text', 'sec')).toBeUndefined();
    const spaces = `x${' '.repeat(200_000)}{#sec:ok}`;
    expect(trailingLabel(spaces, 'sec')).toEqual({ label: 'sec:ok', index: 1 });
  });
});

describe('remark-cjk-breaks', () => {
  /** Parse Markdown, join its CJK breaks, and give each paragraph's text. */
  async function joined(markdown: string): Promise<string[]> {
    const { default: remarkParse } = await import('remark-parse');
    const { toString } = await import('mdast-util-to-string');
    const { tree } = await run(remarkCjkBreaks, unified().use(remarkParse).parse(markdown));
    return tree.children.map((block) => toString(block));
  }

  test('a break between Han, kana or CJK punctuation vanishes, also across emphasis and astral Han', async () => {
    expect(
      await joined(
        [
          '城市沿河而建，\n河流为城市',
          '際に、\nHello と\n言う',
          '强调**粗体**\n继续',
          '𠀀\n𠀁',
          '表格。\n  下一行',
        ].join('\n\n'),
      ),
    ).toEqual(['城市沿河而建，河流为城市', '際に、\nHello と言う', '强调粗体继续', '𠀀𠀁', '表格。下一行']);
  });

  test('Korean and Latin keep their breaks (read as spaces); inline code counts by its characters', async () => {
    expect(await joined(['한국어\n문장', 'English\nwords', '中文`code`\n中文', '中文\n`代码`'].join('\n\n'))).toEqual([
      '한국어\n문장',
      'English\nwords',
      '中文code\n中文',
      '中文代码',
    ]);
  });
});

describe('remark-cjk-spacing', () => {
  /** Parse Markdown in a language, take out its typed CJK–Latin spaces, and give each block's text. */
  async function tightened(markdown: string, language: string): Promise<string[]> {
    const { default: remarkParse } = await import('remark-parse');
    const { default: remarkGfm } = await import('remark-gfm');
    const { toString } = await import('mdast-util-to-string');
    const parsed = unified().use(remarkParse).use(remarkGfm).parse(markdown);
    const { tree } = await run(remarkCjkSpacing, parsed, { language });
    return tree.children.map((block) => toString(block));
  }

  test('in Chinese and Japanese a space typed beside Latin letters or digits goes, across emphasis too; code stays', async () => {
    const markdown = [
      '2026 年版，共 15 条',
      '使用 **AI** 治理',
      '运行 `npm ci` 命令',
      '日本語 と English',
      'Hello, world 你好',
    ];
    expect(await tightened(markdown.join('\n\n'), 'zh')).toEqual([
      '2026年版，共15条',
      '使用AI治理',
      '运行npm ci命令',
      '日本語 とEnglish',
      'Hello, world你好',
    ]);
    expect(await tightened('第 1 章：アジア の 2026 年', 'ja')).toEqual(['第1章：アジア の2026年']);
    // A citation reads as its authors' names, a note's mark as its number.
    expect(await tightened('这与 @floridi2018 的观点一致。[^n] 然而\n\n[^n]: 注', 'zh')).toEqual([
      '这与@floridi2018的观点一致。然而',
      '注',
    ]);
  });

  test('English, Korean and an untagged file keep every space', async () => {
    const markdown = 'the term 数字 means 2026 年';
    for (const language of ['en', 'ko', 'vi']) expect(await tightened(markdown, language)).toEqual([markdown]);
  });

  test('an image title (its caption) is tightened; the fixed texts lose the gap beside a placeholder', async () => {
    const { default: remarkParse } = await import('remark-parse');
    const { tree } = await run(remarkCjkSpacing, unified().use(remarkParse).parse('![图](a.png "2025 年 数据")'), {
      language: 'zh',
    });
    expect(JSON.stringify(tree)).toContain('"title":"2025年 数据"');
    expect(labelsFor('zh').chapter).toBe('第{number}章');
    expect(labelsFor('zh').changes).toBe('自{revision}以来的修改');
    expect(labelsFor('en').chapter).toBe('Chapter {number}');
  });
});

describe('image widths', () => {
  test('a style’s width becomes the attribute, the rest is left for the sanitiser', () => {
    const image = h('img', { style: 'width: 50%; position: fixed; height: auto' });
    styleWidth(image);
    expect(image.properties).toEqual({ width: '50%', style: 'position: fixed' });
    const pixels = h('img', { style: 'MAX-WIDTH: 300px' });
    styleWidth(pixels);
    expect(pixels.properties).toEqual({ width: '300' });
    const other = h('img', { style: 'width: calc(1px + 2em)' });
    styleWidth(other);
    expect(other.properties).toEqual({ style: 'width: calc(1px + 2em)' });
  });

  test('{width=…} after a lone image, with or without a label; percentages become a class in steps of 5', async () => {
    const { tree } = await run(
      rehypeFigures,
      h(null, [
        h('p', [h('img', { src: 'a.png', alt: 'A' }), ' {width=33%}']),
        h('p', [h('img', { src: 'b.png', alt: 'B' }), ' {#fig:b width=240px}']),
        h('p', [h('img', { src: 'c.png', alt: 'C', width: '120%' })]),
        h('p', [h('img', { src: 'd.png', alt: 'D' }), ' {height=3}']),
      ]),
      { idPrefix: 'x' },
    );
    const images = (tree.children as Element[]).map((node) => {
      const image = node.children.find(
        (child): child is Element => child.type === 'element' && child.tagName === 'img',
      );
      return [node.tagName, image?.properties];
    });
    expect(images).toEqual([
      ['figure', { src: 'a.png', alt: 'A', className: ['width-35'] }],
      ['figure', { src: 'b.png', alt: 'B', width: '240' }],
      ['figure', { src: 'c.png', alt: 'C', className: ['width-100'] }],
      // Not an attribute the book knows: the paragraph stays as written.
      ['p', { src: 'd.png', alt: 'D' }],
    ]);
  });
});

describe('captions that number themselves', () => {
  test('a figure’s or a table’s caption opening with its own number is a warning at it; a word like it is not', async () => {
    const at = (line: number) => ({ start: { line, column: 1, offset: 0 }, end: { line, column: 9, offset: 8 } });
    const paragraph = (line: number, children: Parameters<typeof h>[2]) => ({
      ...h('p', children),
      position: at(line),
    });
    const { file } = await run(
      rehypeFigures,
      h(null, [
        paragraph(1, [h('img', { src: 'a.png', alt: 'Figure 4-3: The request flow' })]),
        paragraph(2, [h('img', { src: 'b.png', alt: 'b', title: '图 3 数据' })]),
        paragraph(3, [h('img', { src: 'c.png', alt: 'Figures of speech' })]),
        paragraph(4, [h('img', { src: 'd.png', alt: 'Tablets in 2024' })]),
        h('table', [h('tr', [h('td', '1')])]),
        paragraph(6, ['Table: Tabelle 2. Ergebnisse']),
      ]),
      { idPrefix: 'x' },
    );
    expect(
      file.messages.map((message) => `${message.line}:${message.column} ${message.ruleId} ${message.reason}`),
    ).toEqual([
      '1:1 caption-numbered Unexpected number `Figure 4-3` at the start of a caption, expected the caption alone: the book numbers its figures and tables',
      '2:1 caption-numbered Unexpected number `图 3` at the start of a caption, expected the caption alone: the book numbers its figures and tables',
      '6:1 caption-numbered Unexpected number `Tabelle 2` at the start of a caption, expected the caption alone: the book numbers its figures and tables',
    ]);
  });
});

describe('rehype-code-breaks', () => {
  test('long inline code may break after its punctuation; short code and code blocks stay whole', async () => {
    const { tree } = await run(
      rehypeCodeBreaks,
      h(null, [
        h('p', [h('code', 'urllib.request.urlopen(url, data=None)')]),
        h('p', [h('code', '/var/lib/cache//x')]),
        h('p', [h('code', 'a.b')]),
        h('pre', [h('code', 'urllib.request.urlopen(url, data=None)')]),
      ]),
    );
    const wbr = h('wbr');
    expect(tree).toEqual(
      h(null, [
        h('p', [h('code', ['urllib.', wbr, 'request.', wbr, 'urlopen(', wbr, 'url,', wbr, ' data=', wbr, 'None)'])]),
        h('p', [h('code', ['/var/', wbr, 'lib/', wbr, 'cache//', wbr, 'x'])]),
        h('p', [h('code', 'a.b')]),
        h('pre', [h('code', 'urllib.request.urlopen(url, data=None)')]),
      ]),
    );
  });
});
