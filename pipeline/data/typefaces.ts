/**
 * The families the book is set in, as its CSS names them: the fonts themselves come from npm
 * (`render/font-files.ts`); charts drawn at build time name the same families.
 */
export const typefaces = {
  /** Body text of Latin-script editions. */
  serif: 'Source Serif 4',
  /** Headings, tables, captions, the cover, charts. */
  sans: 'Source Sans 3',
  /** Chinese text, and Chinese names in other editions. */
  cjkSerif: 'Noto Serif SC',
  cjkSans: 'Noto Sans SC',
  /** Japanese, Korean and Traditional Chinese text (by its `lang`), wherever it appears. */
  japaneseSerif: 'Noto Serif JP',
  japaneseSans: 'Noto Sans JP',
  koreanSerif: 'Noto Serif KR',
  koreanSans: 'Noto Sans KR',
  traditionalSerif: 'Noto Serif TC',
  traditionalSans: 'Noto Sans TC',
  mono: 'Source Code Pro',
} as const;
