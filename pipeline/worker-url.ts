/**
 * The URL of a module to run in a worker, beside the module asking: `.ts` when the pipeline runs
 * from its sources, `.js` when it runs compiled (dist/).
 *
 * @param name The module's name without extension, such as `./transform-worker`.
 * @param base `import.meta.url` of the module asking.
 * @returns The module's URL.
 */
export function workerModule(name: string, base: string): string {
  return new URL(`${name}${base.endsWith('.ts') ? '.ts' : '.js'}`, base).href;
}
