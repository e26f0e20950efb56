/**
 * Languages the book sets and cites correctly without fixed text of their own yet: names and
 * case studies in them appear in every edition (their faces, their citation locale).
 */
import type { Language } from './labels.js';

export const korean: Language = {
  tag: 'ko',
  citationLocale: 'ko-KR',
  names: { and: '와 ', etAl: ' 외' },
  direction: 'ltr',
  script: 'ko',
};

/** Chinese in traditional characters: until it has its own, the fixed text is the simplified one. */
export const traditionalChinese: Language = {
  tag: 'zh-Hant',
  also: ['zh-TW', 'zh-HK', 'zh-MO'],
  citationLocale: 'zh-TW',
  names: { and: '和', etAl: '等' },
  direction: 'ltr',
  script: 'hant',
};
