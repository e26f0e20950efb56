/** Template helpers, registered under these names. Each is a small pure function. */
import { cssString } from './css-string.js';
import { t } from './format-text.js';
import { or } from './or.js';

export const helpers: Record<string, (...args: never[]) => unknown> = {
  cssString,
  or,
  t,
};
