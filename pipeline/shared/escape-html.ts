/**
 * Text → text safe inside HTML or SVG markup, attribute values included.
 *
 * @param text Any text.
 * @returns The text with `&`, `<`, `>` and `"` escaped.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
