/**
 * Every rule id the pipeline reports is in the rule registry (`pipeline/data/rules.ts`), every
 * entry of the registry is reported somewhere, and the guide's table of messages is the one the
 * registry generates: a new rule cannot ship without its line (`chart-label` once did). The ids
 * are read from the sources: the last argument of each `error(…)`/`warn(…)` call, and each
 * `ruleId`/`rule` property. `UPDATE=1` writes the guide's table.
 */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import ts from 'typescript';
import { rules as registry, rulesTable } from '../pipeline/data/rules.js';

const pipeline = fileURLToPath(new URL('../pipeline/', import.meta.url));
const guide = fileURLToPath(new URL('../docs/chapters/06-messages.md', import.meta.url));

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

/** Whether an id is the registry's: one of its ids, or of a family such as `settings-<key>`. */
function registered(id: string): boolean {
  return Object.keys(registry).some((name) =>
    name.includes('<') ? new RegExp(`^${name.replace(/<[a-z]+>/g, '[a-z-]+')}$`).test(id) : name === id,
  );
}

describe('rules', () => {
  const rules = reportedRules();

  test('the scan finds the pipeline’s rules', () => {
    expect(rules.size).toBeGreaterThan(60);
    expect(rules.has('chart-label')).toBe(true);
    expect(rules.has('math-invalid')).toBe(true);
  });

  test('every rule the pipeline reports is in the registry, and every entry of the registry is reported', () => {
    expect([...rules].filter(([id]) => !registered(id)).map(([id, path]) => `${id} (${path})`)).toEqual([]);
    // `<scope>-unknown-key` and `<scope>-frontmatter` are made from the schema's scope (`validateMatter`).
    const made = /^(settings|chapter|case|awards)-(unknown-key|frontmatter)$/;
    expect(Object.keys(registry).filter((id) => !id.includes('<') && !made.test(id) && !rules.has(id))).toEqual([]);
  });

  test('the guide’s table of messages is the registry’s', () => {
    const text = readFileSync(guide, 'utf8');
    const start = text.indexOf('<!-- rules:start -->\n') + '<!-- rules:start -->\n'.length;
    const end = text.indexOf('<!-- rules:end -->');
    const table = `${rulesTable()}\n\nTable: The rules {#tbl:rules}\n`;
    if (process.env['UPDATE'] === '1') writeFileSync(guide, text.slice(0, start) + table + text.slice(end));
    else expect(text.slice(start, end)).toBe(table);
  });
});
