/** Template helpers, registered under these names. Each is a small pure function. */
import { cssString } from './css-string.js';

export const helpers: Record<string, (...args: never[]) => unknown> = {
  cssString,
};
