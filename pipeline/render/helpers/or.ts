/**
 * `{{#if (or a b)}}`: whether any of the values is truthy.
 *
 * @param values The values, then Handlebars' options object.
 * @returns `true` when one of the values is truthy.
 */
export function or(...values: unknown[]): boolean {
  return values.slice(0, -1).some(Boolean);
}
