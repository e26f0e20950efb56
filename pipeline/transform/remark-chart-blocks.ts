/**
 * Note where each ```` ```chart ```` block of a chapter is, with its label, for `rehype-charts`.
 */
import type { Root } from 'mdast';
import { walk } from '../shared/walk.js';
import type { VFile } from 'vfile';
import { warn } from '../model/message.js';
import { figureLabel } from './rehype-figures.js';
import type { ChartBlock } from '../model/types.js';

/**
 * Chapters' chart blocks go to `file.data.chartBlocks`, in order; the code stays in the tree
 * (the sanitiser keeps it) until `rehype-charts` draws it. A case's chart block stays code: a
 * submission never runs the chart engine.
 *
 * @returns Transformer.
 */
export function remarkChartBlocks() {
  return (tree: Root, file: VFile): undefined => {
    const blocks: ChartBlock[] = [];
    walk(tree, 'code', (node) => {
      if (node.lang !== 'chart') return;
      const start = node.position?.start ?? { line: 1, column: 1 };
      if (file.data.kind === 'case') {
        warn(
          file,
          'Unexpected chart block in a case study, expected charts in chapters only: it is shown as code',
          node.position,
          'chart-case',
        );
        return;
      }
      const meta = node.meta ?? '';
      // The info string's label, as after an image: ```` ```chart {#fig:label} ````.
      const found = figureLabel.exec(meta);
      if (meta.trim() !== '' && !found)
        warn(
          file,
          `Unexpected \`${meta.trim()}\` after \`chart\`, expected a label such as \`{#fig:name}\``,
          node.position,
          'chart-label',
        );
      blocks.push({ value: node.value, label: found?.[1], line: start.line, column: start.column });
    });
    if (blocks.length > 0) file.data.chartBlocks = blocks;
  };
}
