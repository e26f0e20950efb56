#!/usr/bin/env node
// The `whitepaper` command: the compiled CLI in dist/ when it is up to date with the sources
// (`npm ci` compiles it; `npm run compile` again), otherwise the TypeScript sources through tsx.
import { compiled } from './compiled.js';

let main;
if (compiled()) ({ main } = await import('../dist/cli.js'));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('./cli.ts'));
}
process.exitCode = await main(process.argv.slice(2));
