/**
 * The families the book is set in, as its CSS names them: the fonts themselves come from npm
 * (`render/fonts.ts`); charts drawn at build time name the same families.
 */
export const typefaces = {
  /** Body text of Latin-script editions. */
  serif: 'Source Serif 4',
  /** Headings, tables, captions, the cover, charts. */
  sans: 'Source Sans 3',
  /** Chinese text, and Chinese names in other editions. */
  cjkSerif: 'Noto Serif SC',
  cjkSans: 'Noto Sans SC',
  mono: 'Source Code Pro',
} as const;
