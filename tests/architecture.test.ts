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

/** Module → the modules of `pipeline/` it imports or re-exports. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const path of sources(pipeline)) {
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const targets = source.statements.flatMap((statement) => {
      const specifier = (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) && statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
      return specifier?.startsWith('.') ? [resolve(dirname(path), specifier.replace(/\.js$/, '.ts'))] : [];
    });
    graph.set(path, targets);
  }
  return graph;
}

/** Every cycle of a graph, each named by its modules from the first one met. */
function cycles(graph: ReadonlyMap<string, string[]>): string[] {
  const found = new Set<string>();
  const done = new Set<string>();
  const visit = (node: string, stack: string[]) => {
    const at = stack.indexOf(node);
    if (at !== -1) {
      found.add(stack.slice(at).map((path) => relative(pipeline, path)).join(' → '));
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

  test('the check finds a cycle when there is one', () => {
    expect(cycles(new Map([['/a.ts', ['/b.ts']], ['/b.ts', ['/a.ts']]]))).toHaveLength(1);
  });
});
