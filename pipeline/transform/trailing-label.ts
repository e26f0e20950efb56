/**
 * A label at the end of a text (`Energy use {#sec:energy}`), found in linear time.
 */

/**
 * Find a `{#kind:name}` label ending a text. A regular expression such as `/\s*\{#…\}\s*$/`
 * retries from every space of a long run of spaces, which is quadratic in the text's length;
 * this looks only at the last `{#`.
 *
 * @param text Text that may end in a label.
 * @param kind `sec`, `fig` or `tbl`.
 * @returns The label and where the text before it ends (spaces before the label excluded), or
 *   `undefined`.
 */
export function trailingLabel(text: string, kind: 'sec' | 'fig' | 'tbl'): { label: string; index: number } | undefined {
  const at = text.lastIndexOf('{#');
  if (at === -1) return undefined;
  const match = new RegExp(String.raw`^\{#(${kind}:[A-Za-z0-9_-]+)\}\s*$`).exec(text.slice(at));
  if (!match?.[1]) return undefined;
  return { label: match[1], index: text.slice(0, at).trimEnd().length };
}
