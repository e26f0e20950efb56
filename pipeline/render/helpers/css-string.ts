/**
 * Quote text as a CSS string, for `content:` in `@page` margin boxes.
 *
 * @param value Text to quote.
 * @returns A double-quoted CSS string in which quotes, backslashes, line breaks and `<` are escaped.
 */
export function cssString(value: unknown): string {
  const escaped = String(value).replace(/[\\"\n\r\f<>]/g, (char) => `\\${char.charCodeAt(0).toString(16)} `);
  return `"${escaped}"`;
}
