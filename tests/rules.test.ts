/**
 * Every rule id the pipeline reports is documented in README's table of messages, so that a new
 * rule cannot ship without its line (`chart-label` once did). The ids are read from the sources:
 * the last argument of each `error(…)`/`warn(…)` call, and each `ruleId`/`rule` property.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import ts from 'typescript';

const pipeline = fileURLToPath(new URL('../pipeline/', import.meta.url));
const readme = readFileSync(fileURLToPath(new URL('../README.md', import.meta.url)), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Rule id → where it is reported first. */
function reportedRules(): Map<string, string> {
  const rules = new Map<string, string>();
  const rule = /^[a-z]+(?:-[a-z]+)+$/;
  for (const path of sources(pipeline)) {
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const note = (node: ts.Node | undefined) => {
      if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && rule.test(node.text))
        if (!rules.has(node.text)) rules.set(node.text, relative(pipeline, path));
    };
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
        if (['error', 'warn', 'report'].includes(node.expression.text)) note(node.arguments.at(-1));
      }
      if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && ['ruleId', 'rule'].includes(node.name.text))
        note(node.initializer);
      if (
        ts.isBinaryExpression(node) &&
        node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
        ts.isPropertyAccessExpression(node.left) &&
        node.left.name.text === 'ruleId'
      )
        note(node.right);
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return rules;
}

/** The ids README's table of messages names: literal ids, and patterns such as `settings-<key>`. */
function documented(): (id: string) => boolean {
  const start = readme.indexOf('## Messages');
  const table = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const names = [...table.matchAll(/^\| ([^|]+) \|/gm)].flatMap(([, cell]) =>
    [...(cell ?? '').matchAll(/`([^`]+)`/g)].map(([, name]) => name ?? ''),
  );
  const patterns = names.map((name) => new RegExp(`^${name.replace(/<[a-z]+>/g, '[a-z-]+')}$`));
  return (id) => patterns.some((pattern) => pattern.test(id));
}

describe('rules', () => {
  const rules = reportedRules();

  test('the scan finds the pipeline’s rules', () => {
    expect(rules.size).toBeGreaterThan(60);
    expect(rules.has('chart-label')).toBe(true);
    expect(rules.has('math-invalid')).toBe(true);
  });

  test('every rule the pipeline reports has its line in README’s table of messages', () => {
    const known = documented();
    expect([...rules].filter(([id]) => !known(id)).map(([id, path]) => `${id} (${path})`)).toEqual([]);
  });
});
