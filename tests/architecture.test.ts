/**
 * The shape of `pipeline/`: no module imports itself back through others (type imports count
 * too, as madge counts them), so each stage can be read, tested and replaced on its own.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import ts from 'typescript';

const pipeline = fileURLToPath(new URL('../pipeline/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/**
 * Module → the modules of `pipeline/` it imports or re-exports.
 *
 * @param values Only imports of values (dynamic ones included), not of types.
 */
function importGraph(values = false): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const path of sources(pipeline)) {
    const text = readFileSync(path, 'utf8');
    const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
    const specifiers = source.statements.flatMap((statement) => {
      if (
        !(ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) ||
        !statement.moduleSpecifier ||
        !ts.isStringLiteral(statement.moduleSpecifier)
      )
        return [];
      const typeOnly = ts.isImportDeclaration(statement)
        ? statement.importClause?.isTypeOnly === true
        : statement.isTypeOnly;
      return values && typeOnly ? [] : [statement.moduleSpecifier.text];
    });
    if (values) for (const match of text.matchAll(/\bimport\('([^']+)'\)/g)) specifiers.push(match[1] ?? '');
    graph.set(
      path,
      specifiers.flatMap((specifier) =>
        specifier.startsWith('.') ? [resolve(dirname(path), specifier.replace(/\.js$/, '.ts'))] : [],
      ),
    );
  }
  return graph;
}

/** The stages in pipeline order: a module may use values of its own stage and of earlier ones. */
const layers = [
  'data',
  'core',
  'shared',
  'load',
  'validate',
  'citations',
  'transform',
  'assemble',
  'review',
  'judging',
  'submit',
  'render',
  'run',
  'preview',
  'api',
];

/** The stage a module of `pipeline/` belongs to. */
function layerOf(path: string): string {
  const [top = '', ...rest] = relative(pipeline, path).split('/');
  if (rest.length > 0) return top === 'vendor-types' || top === 'model' ? 'core' : top;
  if (['check.ts', 'build.ts', 'scaffold.ts', 'report.ts', 'reviewing.ts', 'judges.ts', 'importing.ts'].includes(top))
    return 'run';
  if (['index.ts', 'cli.ts'].includes(top)) return 'api';
  return 'core';
}

/** Imports that reach a later stage, as `from → to`. */
function backwardImports(graph: ReadonlyMap<string, string[]>): string[] {
  return [...graph].flatMap(([from, targets]) =>
    targets
      .filter((to) => layers.indexOf(layerOf(to)) > layers.indexOf(layerOf(from)))
      .map((to) => `${relative(pipeline, from)} → ${relative(pipeline, to)}`),
  );
}

/**
 * Stages side by side, which hand each other nothing: the citation engine and the transform
 * (both work on validated files; the transform's citation syntax is its own), the site and the
 * print (two views of one book, sharing `render/view/`), and the outputs (each hands on its result
 * through `job.result`, typed in `outputs/output.ts`; `outputs/index.ts` lists them all).
 */
function siblingOf(path: string): string | undefined {
  const at = relative(pipeline, path);
  const [top = '', second = ''] = at.split('/');
  if (top === 'citations' || top === 'transform') return `stage:${top}`;
  if (top === 'render' && (second === 'site' || second === 'print')) return `view:${second}`;
  if (at.startsWith('render/outputs/') && !['render/outputs/output.ts', 'render/outputs/index.ts'].includes(at))
    return `output:${at}`;
  return undefined;
}

/** Imports from one sibling into another, as `from → to`. */
function siblingImports(graph: ReadonlyMap<string, string[]>): string[] {
  return [...graph].flatMap(([from, targets]) => {
    const mine = siblingOf(from);
    return targets
      .filter((to) => {
        const theirs = siblingOf(to);
        return mine && theirs && mine !== theirs && mine.split(':')[0] === theirs.split(':')[0];
      })
      .map((to) => `${relative(pipeline, from)} → ${relative(pipeline, to)}`);
  });
}

/** Every cycle of a graph, each named by its modules from the first one met. */
function cycles(graph: ReadonlyMap<string, string[]>): string[] {
  const found = new Set<string>();
  const done = new Set<string>();
  const visit = (node: string, stack: string[]) => {
    const at = stack.indexOf(node);
    if (at !== -1) {
      found.add(
        stack
          .slice(at)
          .map((path) => relative(pipeline, path))
          .join(' → '),
      );
      return;
    }
    if (done.has(node)) return;
    for (const next of graph.get(node) ?? []) visit(next, [...stack, node]);
    done.add(node);
  };
  for (const node of graph.keys()) visit(node, []);
  return [...found];
}

describe('architecture', () => {
  test('no import cycles in pipeline/', () => {
    const graph = importGraph();
    expect(graph.size).toBeGreaterThan(80);
    expect(cycles(graph)).toEqual([]);
  });

  test('each stage uses only itself and earlier stages, types included: the model imports nothing later', () => {
    const graph = importGraph();
    expect(new Set([...graph.keys()].map(layerOf))).toEqual(new Set(layers));
    expect(backwardImports(graph)).toEqual([]);
  });

  test('siblings import nothing of each other, types included: citations and transform, site and print, the outputs', () => {
    const graph = importGraph();
    expect(siblingImports(graph)).toEqual([]);
    // The check sees each kind of sibling.
    expect(
      siblingImports(
        new Map([
          [join(pipeline, 'transform/a.ts'), [join(pipeline, 'citations/b.ts')]],
          [
            join(pipeline, 'render/site/a.ts'),
            [join(pipeline, 'render/print/b.ts'), join(pipeline, 'render/view/c.ts')],
          ],
          [
            join(pipeline, 'render/outputs/a.ts'),
            [join(pipeline, 'render/outputs/b.ts'), join(pipeline, 'render/outputs/output.ts')],
          ],
          [join(pipeline, 'render/outputs/index.ts'), [join(pipeline, 'render/outputs/b.ts')]],
        ]),
      ),
    ).toEqual([
      'transform/a.ts → citations/b.ts',
      'render/site/a.ts → render/print/b.ts',
      'render/outputs/a.ts → render/outputs/b.ts',
    ]);
  });

  test('the helpers several stages use live in shared/, each used by two stages or more', () => {
    const graph = importGraph();
    /** The stages that use a module, directly or through other shared modules. */
    const stagesUsing = (path: string, seen = new Set<string>()): Set<string> => {
      const found = new Set<string>();
      for (const [from, targets] of graph) {
        if (!targets.includes(path) || seen.has(from)) continue;
        seen.add(from);
        if (layerOf(from) === 'shared') for (const stage of stagesUsing(from, seen)) found.add(stage);
        else found.add(layerOf(from));
      }
      return found;
    };
    const shared = [...graph.keys()].filter((path) => layerOf(path) === 'shared');
    expect(shared.length).toBeGreaterThanOrEqual(5);
    expect(shared.filter((path) => stagesUsing(path).size < 2).map((path) => relative(pipeline, path))).toEqual([]);
  });

  test('the check finds an import of a later stage', () => {
    expect(backwardImports(new Map([[join(pipeline, 'load/x.ts'), [join(pipeline, 'render/y.ts')]]]))).toEqual([
      'load/x.ts → render/y.ts',
    ]);
  });

  test('the check finds a cycle when there is one', () => {
    expect(
      cycles(
        new Map([
          ['/a.ts', ['/b.ts']],
          ['/b.ts', ['/a.ts']],
        ]),
      ),
    ).toHaveLength(1);
  });
});
