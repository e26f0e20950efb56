/**
 * Every regular expression of the pipeline runs on untrusted text: none may take super-linear
 * time on a string that repeats one character (scslre's analysis), the way
 * `/\s*\{#…\}\s*$/` took 52 s on a heading of 160,000 spaces.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { RegExpParser } from '@eslint-community/regexpp';
import { analyse } from 'scslre';
import ts from 'typescript';
import { citationToken, keyPattern, xrefPattern } from '../pipeline/transform/citation-syntax.js';

const pipeline = fileURLToPath(new URL('../pipeline/', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Every regular expression literal of the pipeline's sources, with where it is. */
function literals(): { where: string; text: string }[] {
  const found: { where: string; text: string }[] = [];
  for (const path of sources(pipeline)) {
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        found.push({ where: `${relative(pipeline, path)}:${line + 1}`, text: node.getText() });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

/** The reports scslre makes for a regular expression, as short strings. */
function superLinear(text: string): string[] {
  const literal = new RegExpParser().parseLiteral(text);
  return analyse(literal).reports.map(
    (report) => `${report.type}${report.exponential ? ' (exponential)' : ''}: ${report.character.literal.source}`,
  );
}

describe('regular expressions', () => {
  const all = literals();

  test('the scan finds the pipeline’s literals', () => {
    expect(all.length).toBeGreaterThan(50);
  });

  test('no literal is super-linear on a repeated character', () => {
    const reports = all.flatMap(({ where, text }) => superLinear(text).map((report) => `${where} ${text} → ${report}`));
    expect(reports).toEqual([]);
  });

  test('the citation grammar, built from parts, is linear too', () => {
    for (const pattern of [citationToken, keyPattern, xrefPattern])
      expect([pattern.source, superLinear(`/${pattern.source}/${pattern.flags}`)]).toEqual([pattern.source, []]);
  });

  test('the scan would catch the quadratic label pattern this replaced', () => {
    expect(superLinear(String.raw`/\s*\{#(sec:[A-Za-z0-9_-]+)\}\s*$/`).length).toBeGreaterThan(0);
  });
});
