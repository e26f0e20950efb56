/**
 * Anchors and references of every file → numbered targets, and messages for bad labels.
 */
import type { VFile } from 'vfile';
import { format, type Labels } from '../data/languages/index.js';
import { error } from '../model/message.js';
import type { Target, Xrefs } from '../model/types.js';

export type { Target, Xrefs };

/** A file whose anchors and references take part, with where it stands in the book. */
export interface XrefSource {
  file: VFile;
  /** Number prefix: "3" for chapter 3, "C2" for the second case, "" for unnumbered chapters. */
  prefix: string;
  /** Its site page. */
  page: string;
}

/**
 * What a reference to a target reads in a language, and what precedes its caption.
 *
 * @param target Its kind, number (`null` for a section) and title.
 * @param labels Fixed text of the language: "Figure", "Table", quotation marks.
 * @returns "Figure 3.2" (or a section's title in quotation marks), and "Figure 3.2: ".
 */
export function targetText(
  target: Pick<Target, 'kind' | 'number' | 'title'>,
  labels: Labels,
): { label: string; caption: string } {
  const label = target.number
    ? format(target.kind === 'figure' ? labels.figure : target.kind === 'table' ? labels.table : labels.equation, {
        number: target.number,
      })
    : format(labels.quoted, { title: target.title });
  return { label, caption: format(labels.captionLabel, { label }) };
}

/**
 * Number figures and tables per chapter ("Figure 3.2"), index every label, and report
 * duplicate labels and references to labels that do not exist.
 *
 * @param labels Fixed text of the edition: "Figure", "Table", quotation marks.
 * @param sources Files in book order.
 * @returns The targets.
 */
export function resolveXrefs(labels: Labels, sources: readonly XrefSource[]): Xrefs {
  const xrefs: Xrefs = { targets: new Map(), figures: [], tables: [] };
  for (const { file, prefix, page } of sources) {
    for (const anchor of file.data.anchors ?? []) {
      const number = anchor.kind === 'section' ? null : prefix ? `${prefix}.${anchor.index}` : String(anchor.index);
      const target: Target = {
        key: anchor.key,
        kind: anchor.kind,
        id: anchor.id,
        page,
        number,
        ...targetText({ kind: anchor.kind, number, title: anchor.title }, labels),
        title: anchor.title,
      };
      if (xrefs.targets.has(anchor.key)) {
        error(
          file,
          `Unexpected duplicate label \`${anchor.key}\`, expected each label once in the book`,
          anchor.position,
          'xref-duplicate',
        );
        continue;
      }
      xrefs.targets.set(anchor.key, target);
      if (anchor.kind === 'figure') xrefs.figures.push(target);
      if (anchor.kind === 'table') xrefs.tables.push(target);
    }
  }
  const kinds = { fig: 'figure', tbl: 'table', sec: 'section', eq: 'equation' } as const;
  for (const { file } of sources) {
    for (const ref of file.data.refs ?? []) {
      if (xrefs.targets.has(ref.key)) continue;
      const kind = kinds[ref.key.split(':')[0] as keyof typeof kinds];
      error(
        file,
        `Unexpected reference \`@${ref.key}\`, expected the label of ${kind === 'equation' ? 'an' : 'a'} ${kind} (\`{#${ref.key}}\`)`,
        ref.position,
        'xref-undefined',
      );
    }
  }
  return xrefs;
}
