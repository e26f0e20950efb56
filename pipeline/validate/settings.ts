/**
 * Raw `whitepaper.yaml` → validated `BookSettings`, defaults applied.
 */
import type { VFile } from 'vfile';
import type { BookSettings } from '../types.js';
import { validateMatter } from './issues.js';
import { settingsSchema } from './schema.js';

/**
 * Validate the settings file.
 *
 * @param file `whitepaper.yaml` as loaded by `loadSettings`.
 * @returns The settings, or `undefined` when they have errors (reported on `file`).
 */
export function validateSettings(file: VFile): BookSettings | undefined {
  if (file.messages.length > 0) return undefined;
  return validateMatter(file, file.data.matter, settingsSchema, 'settings');
}
