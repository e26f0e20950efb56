/**
 * `{{t labels.changes revision=since}}`: a catalogue text with its `{name}` placeholders filled
 * from the helper's named arguments.
 */
import { format } from '../../data/languages/index.js';

/**
 * @param text Catalogue text.
 * @param options Handlebars options; `hash` holds the values.
 * @returns The text, filled in (Handlebars escapes it).
 */
export function t(text: unknown, options: { hash?: Record<string, unknown> }): string {
  const values = Object.fromEntries(Object.entries(options.hash ?? {}).map(([key, value]) => [key, String(value)]));
  return format(String(text), values);
}
