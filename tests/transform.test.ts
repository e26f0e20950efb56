import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import { toHtml } from 'hast-util-to-html';
import { reporter } from 'vfile-reporter';
import { readFrontMatter } from '../pipeline/load/front-matter.js';
import { readSource } from '../pipeline/load/read.js';
import { createProcessor, transformFile } from '../pipeline/transform/processor.js';
import { expectFile, fixtureNames, fixtures } from './helpers.js';

const kind = 'transform';

describe('transform', () => {
  test.each(fixtureNames(kind))('%s', async (name) => {
    const root = join(fixtures, kind, name);
    const processor = createProcessor({ root, citationKeys: new Set(['smith2020', 'unesco2023']) });
    const file = await readSource(root, 'input.md');
    readFrontMatter(file);
    file.data.idPrefix = 'doc';
    // Optional data.json sets what the caller of transform sets: `kind`, `trusted`.
    if (existsSync(join(root, 'data.json')))
      Object.assign(file.data, JSON.parse(readFileSync(join(root, 'data.json'), 'utf8')));
    // Optional previous.md is the file at the `--since` revision.
    if (existsSync(join(root, 'previous.md'))) file.data.previous = readFileSync(join(root, 'previous.md'), 'utf8');
    const tree = await transformFile(processor, file);
    const scholarly =
      (file.data.anchors?.length ?? 0) + (file.data.refs?.length ?? 0) + (file.data.citations?.length ?? 0) > 0
        ? `<!-- anchors: ${JSON.stringify(file.data.anchors?.map(({ position, ...anchor }) => ({ ...anchor, line: position?.start.line })))} -->\n<!-- refs: ${JSON.stringify(file.data.refs?.map((ref) => [ref.key, ref.position?.start.line, ref.position?.start.column]))} -->\n<!-- citations: ${JSON.stringify(file.data.citations?.map(({ position, ...citation }) => ({ ...citation, at: [position?.start.line, position?.start.column] })))} -->\n`
        : '';
    const changes =
      file.data.previous === undefined
        ? ''
        : `<!-- changes: ${JSON.stringify(file.data.changes)} -->\n<!-- removed: ${JSON.stringify(file.data.removedBlocks)} -->\n`;
    const html = `${toHtml(tree)}\n<!-- sections: ${JSON.stringify(file.data.sections)} -->\n<!-- assets: ${JSON.stringify((file.data.assets ?? []).map((asset) => asset.target))} -->\n${scholarly}${changes}`;
    expectFile(join(root, 'expected.html'), html);
    const messages = file.messages.length > 0 ? `${reporter([file], { color: false })}\n` : '';
    expectFile(join(root, 'expected-messages.txt'), messages);
  });

  test('the processor is frozen and reusable across files', async () => {
    const root = join(fixtures, kind, 'headings');
    const processor = createProcessor({ root });
    const run = async () => {
      const file = await readSource(root, 'input.md');
      file.data.idPrefix = 'doc';
      return toHtml(await transformFile(processor, file));
    };
    expect(await run()).toBe(await run());
    expect(() => (processor as unknown as { use: (plugin: () => void) => void }).use(() => undefined)).toThrow(
      /frozen/,
    );
  });

  test('front matter is not part of the body', async () => {
    const root = join(fixtures, kind, 'headings');
    const file = await readSource(root, 'input.md');
    readFrontMatter(file);
    file.data.idPrefix = 'doc';
    expect(String(file.value)).toContain('title:');
    const html = toHtml(await transformFile(createProcessor({ root }), file));
    expect(html).not.toContain('title:');
    expect(html).toContain('<h2');
  });
});
