/**
 * Hostile input, round three: the surfaces added since round two (scaffolds, templates, git,
 * words that name the prototype's properties, the cache). Each test is one reproduction from the
 * issue and its exact outcome: a located message or a documented exit status, never exit 70.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from '@jest/globals';
import { build, check } from '../pipeline/index.js';
import { fixtures } from './helpers.js';

const temp = mkdtempSync(join(tmpdir(), 'whitepaper-surfaces-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const bin = fileURLToPath(new URL('../pipeline/bin.js', import.meta.url));

/** The CLI's exit status and its standard error. */
function cli(...args: string[]): [number | null, string] {
  const run = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000, cwd: temp });
  return [run.status, run.stderr.trim()];
}

/** A copy of the basic fixture book, changed by `setup`. */
function book(name: string, setup: (root: string) => void = () => {}): string {
  const root = join(temp, name);
  cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
  setup(root);
  return root;
}

describe('scaffolds and templates', () => {
  test('init where nothing can be written, and a slug too long for a file name: one line, exit 3 or 2', () => {
    expect(cli('init', '/proc/whitepaper-x')).toEqual([
      3,
      'whitepaper: Cannot write `/proc/whitepaper-x/cases/awards.yaml`: a folder on the way cannot be made (ENOENT)',
    ]);
    expect(cli('init', '/sys/whitepaper-x')[0]).toBe(3);
    const root = book('long-slug');
    expect(cli('new', 'case', 'a'.repeat(300), '--root', root)).toEqual([
      2,
      'whitepaper: Unexpected slug of 300 characters, expected at most 80: see `whitepaper --help`',
    ]);
  });

  test('a huge (sparse) template file is exit 3 with one line, before it is read', () => {
    const root = book('big-template', (dir) => {
      mkdirSync(join(dir, 'templates'));
      writeFileSync(join(dir, 'templates', 'site.css'), '');
      spawnSync('truncate', ['-s', '700M', join(dir, 'templates', 'site.css')]);
    });
    const [status, stderr] = cli('build', '--html-only', '--root', root);
    expect(status).toBe(3);
    expect(stderr).toMatch(/^whitepaper: Unexpected template `.*site\.css` of 734003200 bytes, expected at most 2 MB$/);
  });
});

describe('git runs nothing the content folder configures', () => {
  test('core.fsmonitor and a filter driver in .git/config are not run by a draft build', async () => {
    const marks = ['fsmonitor', 'filter'].map((name) => join(temp, `${name}-ran`));
    const root = book('git-config');
    const git = (...args: string[]) =>
      spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.org', ...args], { cwd: root });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-qm', 'first');
    writeFileSync(join(root, '.gitattributes'), '*.md filter=evil\n');
    git('config', 'core.fsmonitor', `touch ${marks[0]}; echo`);
    git('config', 'filter.evil.clean', `touch ${marks[1]}; cat`);
    writeFileSync(
      join(root, 'chapters', '02-beta.md'),
      `${readFileSync(join(root, 'chapters', '02-beta.md'), 'utf8')}\nMore.\n`,
    );
    // An unchanged file with a new time: git must read it to know, through the filter (without
    // this, whether git reads a file depends on the second it was committed in).
    const alpha = join(root, 'chapters', '01-alpha.md');
    const retouch = (seconds: number) => utimesSync(alpha, new Date(), new Date(Date.now() + seconds * 1000));
    // Plain git runs both: the reproduction holds. (The filter is shown without the fsmonitor,
    // which may tell git that nothing changed; the build's git turns the fsmonitor off too.)
    git('status', '--porcelain');
    retouch(60);
    git('-c', 'core.fsmonitor=false', 'status', '--porcelain');
    expect(marks.map((mark) => existsSync(mark))).toEqual([true, true]);
    for (const mark of marks) rmSync(mark);
    retouch(120);
    const result = await build({ root, htmlOnly: true, draft: true, since: 'HEAD' });
    expect(result.outputs?.site).toBeTruthy();
    expect(marks.map((mark) => existsSync(mark))).toEqual([false, false]);
    // The draft still knows the tree has changes.
    expect(readFileSync(join(root, 'output', 'site', 'index.html'), 'utf8')).toMatch(/from [0-9a-f]{7}\+changes/);
  });
});

describe('words that name the prototype’s properties', () => {
  test('in HTML, awards, citations, references and chart data: located messages, nothing internal', async () => {
    const root = book('prototype', (dir) => {
      const river = join(dir, 'cases', 'river-sensors.md');
      writeFileSync(
        river,
        `${readFileSync(river, 'utf8')}\n<constructor>x</constructor> <p constructor="x" hasOwnProperty="y">z</p>\n\nSee [@constructor] and @fig:constructor.\n`,
      );
      writeFileSync(
        join(dir, 'cases', 'awards.yaml'),
        'tiers:\n  - id: gold\n    label: Gold Award\n    cases: [tokyo-ledger, constructor, __proto__]\n  - id: constructor\n    label: Other\n    cases: [toString]\n',
      );
      const beta = join(dir, 'chapters', '02-beta.md');
      writeFileSync(
        beta,
        `${readFileSync(beta, 'utf8')}\n\`\`\`chart\ncaption: Words\nalt: Words.\ntranslations:\n  en: { constructor: Builder }\ndata:\n  values: [{k: constructor, v: 1}, {k: toString, v: 2}]\nmark: bar\nencoding:\n  x: { field: k, type: nominal }\n  y: { field: v, type: quantitative }\n\`\`\`\n`,
      );
    });
    const { files } = await check({ root });
    const messages = files.flatMap((file) =>
      file.messages.map(
        (message) =>
          `${file.path}:${message.line}:${message.column} ${message.fatal ? 'error' : 'warning'} ${message.ruleId}`,
      ),
    );
    expect(messages).toEqual([
      'chapters/02-beta.md:26:1 error chart-spec',
      'cases/river-sensors.md:25:1 warning html-removed',
      'cases/river-sensors.md:25:30 warning html-removed',
      'cases/river-sensors.md:27:24 error xref-undefined',
      'cases/river-sensors.md:27:5 error citation-undefined',
      'cases/awards.yaml:4:27 error awards-case-unknown',
      'cases/awards.yaml:4:40 error awards-case-unknown',
      'cases/awards.yaml:7:13 error awards-case-unknown',
    ]);
  });
});

describe('what the property tier found', () => {
  test('a list or a mapping as a YAML key is a located error, and nothing is said outside the messages', async () => {
    const root = book('collection-keys', (dir) => {
      const river = join(dir, 'cases', 'river-sensors.md');
      writeFileSync(river, readFileSync(river, 'utf8').replace('country: VN\n', 'country: VN\n? [a, b]\n: 1\n'));
      writeFileSync(
        join(dir, 'chapters', '02-beta.md'),
        '---\ntitle: Beta\n---\n\nA formula with a zero-width space $x\u200b$.\n\n```chart\nmark: bar\n{[]: 1}: 2\n```\n',
      );
    });
    const said: string[] = [];
    const warn = console.warn;
    const onWarning = (problem: Error) => said.push(problem.message);
    console.warn = (...args: unknown[]) => said.push(args.map(String).join(' '));
    process.on('warning', onWarning);
    let files;
    try {
      ({ files } = await check({ root }));
    } finally {
      console.warn = warn;
      process.off('warning', onWarning);
    }
    const messages = files.flatMap((file) =>
      file.messages.map(
        (message) => `${file.path}:${message.line}:${message.column} ${message.ruleId} ${message.reason}`,
      ),
    );
    expect(messages).toEqual([
      'chapters/02-beta.md:9:1 chart-yaml Unexpected YAML in chart: a list or a mapping as a key, expected a name',
      'cases/river-sensors.md:5:3 frontmatter-yaml Unexpected YAML: a list or a mapping as a key, expected a name',
    ]);
    expect(said).toEqual([]);
  });
});
