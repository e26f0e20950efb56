/**
 * Text → text safe inside HTML or SVG markup, attribute values included.
 *
 * @param text Any text.
 * @returns The text with `&`, `<`, `>` and `"` escaped.
 */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * HTML → its tags and the text between them, in order (a tag starts with `<`): a scan, without
 * a pattern that would backtrack on a run of `<`.
 *
 * @param html Markup without comments or raw text elements (citeproc's, a template's).
 * @returns Tags and texts; joined, the same markup.
 */
export function htmlParts(html: string): string[] {
  const parts: string[] = [];
  let at = 0;
  while (at < html.length) {
    const open = html.indexOf('<', at);
    const close = open < 0 ? -1 : html.indexOf('>', open);
    if (open < 0 || close < 0) {
      parts.push(html.slice(at));
      break;
    }
    if (open > at) parts.push(html.slice(at, open));
    parts.push(html.slice(open, close + 1));
    at = close + 1;
  }
  return parts;
}
