/**
 * Check that a case study's body has its required `##` sections, in order.
 */
import type { Heading, Root } from 'mdast';
import { toString } from 'mdast-util-to-string';
import type { VFile } from 'vfile';
import { labelsFor, type OwnLabels } from '../data/languages/index.js';
import { error } from '../model/message.js';

/** Options of `remarkRequiredSections`. */
export interface Options {
  /** Level-2 headings every case study has, in this order. Default: those of the catalogue of the case's language. */
  sections?: readonly string[];
  /** The book's own fixed text, by language: its `caseSections`. */
  labels?: Readonly<Record<string, OwnLabels>> | undefined;
}

/**
 * Case studies are read side by side, so they share a structure. Applies to files whose
 * `data.kind` is `case`; headings match case-insensitively. A case written in Chinese
 * (`data.language`) has the sections of the Chinese catalogue: 背景, 解决方案, 影响.
 *
 * @param options Required sections.
 * @returns Transformer.
 */
export function remarkRequiredSections(options: Options = {}) {
  return (tree: Root, file: VFile): undefined => {
    if (file.data.kind !== 'case') return;
    const language = file.data.language ?? 'en';
    const required = options.sections ?? labelsFor(language, options.labels?.[language]).caseSections;
    const expected = required.map((name) => `\`${name}\``).join(', ');
    if (file.data.kind !== 'case') return;
    const headings = tree.children.filter((node): node is Heading => node.type === 'heading' && node.depth === 2);
    const found = new Map<string, Heading>();
    for (const heading of headings) {
      const name = toString(heading).trim().toLowerCase();
      if (!found.has(name)) found.set(name, heading);
    }
    let previous: { name: string; heading: Heading } | undefined;
    const body = tree.children.filter((node) => node.type !== 'yaml');
    for (const [index, name] of required.entries()) {
      const heading = found.get(name.toLowerCase());
      if (!heading) {
        // Where the section belongs: before the next required one that is there, else at the end.
        const next = required
          .slice(index + 1)
          .map((later) => found.get(later.toLowerCase()))
          .find((later) => later !== undefined);
        const place = next?.position?.start ?? body.at(-1)?.position?.end ?? { line: 1, column: 1 };
        error(
          file,
          `Missing section \`## ${name}\`, expected the sections ${expected} in that order`,
          place,
          'case-section-missing',
        );
        continue;
      }
      if (previous && (heading.position?.start.offset ?? 0) < (previous.heading.position?.start.offset ?? 0)) {
        error(
          file,
          `Unexpected section \`${name}\` before \`${previous.name}\`, expected the sections ${expected} in that order`,
          heading.position,
          'case-section-order',
        );
      }
      previous = { name, heading };
    }
  };
}
