/**
 * The submission form's script for the browser: `form.ts` and what it imports (the pipeline's
 * own checks, zod, yaml, unified) bundled by esbuild into one minified script, once per process.
 * The page holds it inline, so it works opened from disk.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

let bundled: Promise<string> | undefined;

/**
 * The script.
 *
 * @returns JavaScript that can stand inside a `<script>` element.
 */
export function formScript(): Promise<string> {
  bundled ??= bundle();
  return bundled;
}

async function bundle(): Promise<string> {
  const { build } = await import('esbuild');
  // From the sources, or from dist/ when the CLI runs compiled.
  const source = fileURLToPath(new URL('./form.ts', import.meta.url));
  const entry = existsSync(source) ? source : fileURLToPath(new URL('./form.js', import.meta.url));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    minify: true,
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [
      {
        // A browser has no worker pool to tell that a library is loading (`shared/loading.ts`).
        name: 'no-worker-threads',
        setup(build) {
          build.onResolve({ filter: /^node:worker_threads$/ }, () => ({ path: 'worker_threads', namespace: 'stub' }));
          build.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
            contents: 'export const parentPort = undefined;',
          }));
        },
      },
    ],
  });
  const code = result.outputFiles[0]?.text ?? '';
  // Inline in the page: no `</script` may end the element early.
  return code.replace(/<\/(script)/gi, '<\\/$1');
}
