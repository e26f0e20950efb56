/**
 * Finding reviewers' comments again: the review stage's time per chapter size and comment count,
 * exact quotes and quotes with a few edits. Target: 200 comments on a 100,000-character chapter
 * found in under a second (its reading text made once, then each quote in milliseconds).
 */
import { anchor } from '../pipeline/review/anchor.js';

/** A chapter of about this many characters: paragraphs with emphasis and links, numbered. */
function chapterOf(size: number): { text: string; paragraphs: number } {
  let text = '---\ntitle: T\n---\n\n';
  let paragraphs = 0;
  while (text.length < size)
    text += `Paragraph ${paragraphs}: digital infrastructure connects *people* to services, markets and each other in [city ${paragraphs}](https://example.org/${paragraphs++}).\n\n`;
  return { text, paragraphs };
}

/**
 * Measure, and say the figures as Markdown rows.
 *
 * @returns A table.
 */
export function benchReview(): string {
  const rows = ['| chapter | comments | exact quotes | quotes with edits (20) |', '| --- | --- | --- | --- |'];
  for (const size of [10_000, 100_000, 1_000_000]) {
    for (const comments of [10, 200]) {
      // A new text each time: its reading text is not yet known.
      const { text, paragraphs } = chapterOf(size + comments);
      const started = performance.now();
      for (let c = 0; c < comments; c++) {
        const k = (c * 7919) % paragraphs;
        anchor(text, {
          type: 'TextQuoteSelector',
          exact: `Paragraph ${k}: digital infrastructure connects people`,
          prefix: '',
          suffix: '',
        });
      }
      const exact = performance.now() - started;
      const fuzzyStart = performance.now();
      for (let c = 0; c < 20; c++) {
        const k = (c * 7919) % paragraphs;
        anchor(text, {
          type: 'TextQuoteSelector',
          exact: `Paragraf ${k}: digitl infrastructure connect people to`,
          prefix: '',
          suffix: '',
        });
      }
      const fuzzy = performance.now() - fuzzyStart;
      rows.push(
        `| ${size.toLocaleString('en')} characters | ${comments} | ${Math.round(exact)} ms | ${Math.round(fuzzy)} ms |`,
      );
    }
  }
  return rows.join('\n');
}
