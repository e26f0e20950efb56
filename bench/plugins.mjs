/**
 * Where the transform's time goes, plugin by plugin: every Markdown file of a content root parsed
 * and run through the project's own processor (compiled), each plugin's transformer timed. The
 * files are transformed twice and the second round reported, so that module loading and the JIT's
 * warm-up do not count.
 * Usage: npm run compile; node bench/plugins.mjs <content root>
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unified } from 'unified';
import { VFile } from 'vfile';
import { createProcessor } from '../dist/transform/processor.js';

const root = process.argv[2] ?? '.';
const project = createProcessor({ root, coverage: null });
const times = new Map();
const timed = unified().data('prescan', project.data('prescan'));
for (const [attacher, ...options] of project.attachers) {
  const name = attacher.name || '(anonymous)';
  timed.use(
    function (...parameters) {
      const transformer = attacher.call(this, ...parameters);
      if (typeof transformer !== 'function') return transformer;
      // Two parameters, as the project's transformers take: a third would make unified wait for a callback.
      return function (tree, file) {
        const started = performance.now();
        const done = (value) => {
          times.set(name, (times.get(name) ?? 0) + performance.now() - started);
          return value;
        };
        const result = transformer.call(this, tree, file);
        return result && typeof result.then === 'function' ? result.then(done) : done(result);
      };
    },
    ...options,
  );
}
timed.freeze();
const files = ['chapters', 'cases'].flatMap((folder) =>
  readdirSync(join(root, folder))
    .filter((name) => name.endsWith('.md'))
    .map((name) => join(root, folder, name)),
);
let parse = 0;
for (let round = 0; round < 2; round++) {
  times.clear();
  parse = 0;
  for (const path of files) {
    const file = new VFile({ path, value: readFileSync(path, 'utf8'), cwd: root });
    Object.assign(file.data, {
      idPrefix: 'x',
      kind: path.includes('/cases/') ? 'case' : 'chapter',
      trusted: false,
      language: 'en',
    });
    const started = performance.now();
    const tree = timed.parse(file);
    parse += performance.now() - started;
    await timed.run(tree, file);
  }
}
const total = [...times.values()].reduce((sum, ms) => sum + ms, 0);
process.stdout.write(`${files.length} files: parse ${Math.round(parse)} ms, plugins ${Math.round(total)} ms\n`);
for (const [name, ms] of [...times].sort((a, b) => b[1] - a[1]))
  process.stdout.write(`${name.padEnd(28)} ${ms.toFixed(1)} ms\n`);
