/**
 * Every rule id the pipeline reports is in the rule registry (`pipeline/data/rules.ts`), every
 * entry of the registry is reported somewhere, and the guide's table of messages is the one the
 * registry generates: a new rule cannot ship without its line (`chart-label` once did). The ids
 * are read from the sources: the last argument of each `error(…)`/`warn(…)` call, and each
 * `ruleId`/`rule` property. `UPDATE=1` writes the guide's table.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import ts from 'typescript';
import { exampleBook, type Example, type Rule, rules as registry, rulesTable } from '../pipeline/data/rules.js';
import { check } from '../pipeline/index.js';
import { formatReport, toJson } from '../pipeline/report.js';

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

/** Whether a message's rule is this rule of the registry (or one of its family). */
const ofRule = (name: string) => (id: string | undefined) =>
  id !== undefined &&
  (name.includes('<') ? new RegExp(`^${name.replace(/<[a-z]+>/g, '[a-z-]+')}$`).test(id) : name === id);

/** The text between two markers of a guide chapter, or the chapter with it replaced (`UPDATE=1`). */
function generated(name: string, text: string): void {
  const chapter = readFileSync(guide, 'utf8');
  const start = chapter.indexOf(`<!-- ${name}:start -->\n`) + `<!-- ${name}:start -->\n`.length;
  const end = chapter.indexOf(`<!-- ${name}:end -->`);
  if (process.env['UPDATE'] === '1') writeFileSync(guide, chapter.slice(0, start) + text + chapter.slice(end));
  else expect(chapter.slice(start, end)).toBe(text);
}

/** A fence longer than any run of backticks in a text. */
const fence = (text: string) => '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map(([run]) => run.length + 1)));

/**
 * A text as the guide can print it: a character beyond the Basic Multilingual Plane (the
 * cuneiform sign of `glyph-missing`, which no font covers) is written as its code point.
 */
const printable = (text: string) =>
  text.replace(/[\u{10000}-\u{10FFFF}]/gu, (char) => `\\u{${char.codePointAt(0)?.toString(16).toUpperCase()}}`);

/** How the guide shows a file of an example: whole, or its start when it is long or not UTF-8. */
function shown(path: string, content: string | Uint8Array | null): string {
  if (content === null) return `Without \`${path}\`.\n`;
  if (typeof content !== 'string')
    return `\`${path}\`, in Latin-1: ${JSON.stringify(Buffer.from(content).toString('latin1'))}\n`;
  const long = content.length > 600;
  const text = printable(long ? `${content.slice(0, 300)}…\n` : content);
  const language = path.endsWith('.md') ? 'markdown' : path.endsWith('.yaml') ? 'yaml' : '';
  const size = long ? ` (its first 300 of ${content.length.toLocaleString('en')} characters)` : '';
  return `\`${path}\`${size}:\n\n${fence(text)}${language}\n${text}${fence(text)}\n`;
}

/** Runs `check` on the example book with an example's files. */
async function checkExample(files: Extract<Example, { files: unknown }>['files']) {
  const root = mkdtempSync(join(tmpdir(), 'rule-example-'));
  try {
    for (const [path, content] of Object.entries({ ...exampleBook, ...files })) {
      if (content === null) continue;
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), content);
    }
    const { files: checked } = await check({ root, charts: true });
    return { messages: toJson(checked), compact: formatReport(checked, { format: 'compact' }) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
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
    const made = /^(settings|chapter|case|awards|criteria|judges|assignments)-(unknown-key|frontmatter)$/;
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

  test('every rule has an example that breaks it, and only it, or says which test does; the guide shows each with its messages', async () => {
    const sections: string[] = [];
    const wrong: string[] = [];
    for (const [id, rule] of Object.entries(registry) as [string, Rule][]) {
      const heading = `**\`${id}\`** (${rule.severity})`;
      if ('none' in rule.example) {
        sections.push(`${heading}: no example here: ${rule.example.none}.\n`);
        continue;
      }
      const example = rule.example;
      const { messages, compact } = await checkExample(example.files);
      const others = messages.filter(
        ({ ruleId }) => !ofRule(id)(ruleId ?? undefined) && !(example.also ?? []).includes(ruleId ?? ''),
      );
      if (others.length > 0 || !messages.some(({ ruleId }) => ofRule(id)(ruleId ?? undefined)))
        wrong.push(
          `${id}: ${messages.map((message) => `${message.ruleId} ${message.message}`).join('; ') || 'nothing'}`,
        );
      const report = printable(compact);
      const files = Object.entries(example.files)
        .map(([path, content]) => shown(path, content))
        .join('\n');
      sections.push(`${heading}\n\n${files}\n${fence(report)}\n${report}${fence(report)}\n`);
    }
    expect(wrong).toEqual([]);
    generated('examples', `${sections.join('\n')}`);
  }, 600_000);
});
