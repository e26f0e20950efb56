/** The CLI as a user runs it: exit codes and what it prints. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from '@jest/globals';
import { fixtures } from './helpers.js';
import { compiled } from '../pipeline/compiled.js';

const bin = fileURLToPath(new URL('../pipeline/bin.js', import.meta.url));
const run = (...args: string[]) =>
  spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });

describe('whitepaper CLI', () => {
  test('--help and --version exit 0', () => {
    expect(run('--help')).toMatchObject({ status: 0, stdout: expect.stringContaining('Usage: whitepaper <command>') });
    expect(run('--version')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^\d+\.\d+\.\d+\n$/) });
  });

  test('the compiled CLI (dist/) builds a book: its workers and data files are found beside it', () => {
    const root = fileURLToPath(new URL('..', import.meta.url));
    // `npm ci` compiles it (prepare); compile again when the sources are newer, as bin.js would.
    if (!compiled()) expect(spawnSync('npm', ['run', 'compile'], { cwd: root, encoding: 'utf8' }).status).toBe(0);
    const out = mkdtempSync(join(tmpdir(), 'whitepaper-dist-'));
    try {
      const result = spawnSync(
        process.execPath,
        [join(root, 'dist', 'cli.js'), 'build', '--html-only', '--root', join(fixtures, 'editions'), '--out', out],
        { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } },
      );
      expect(result.status).toBe(0);
      // The Chinese edition cites (the citation worker and its locale files ran compiled).
      const water = readFileSync(join(out, 'site', 'zh', 'chapters', 'water.html'), 'utf8');
      expect(water).toContain('雨水花园');
      expect(water).toContain('<a href="../references.html#ref-smith2020">(1)</a>');
      expect(existsSync(join(root, 'dist', 'transform', 'transform-worker.js'))).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('usage errors exit 2 with the usage', () => {
    expect(run('publish')).toMatchObject({ status: 2, stderr: expect.stringContaining('Unknown command `publish`') });
    expect(run('build', '--bogus')).toMatchObject({ status: 2 });
    expect(run('check', '--root', '/nonexistent')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('is not a folder'),
    });
  });

  test('check exits 1 on content errors, printing every problem without a stack', () => {
    const result = run('check', '--root', join(fixtures, 'check', 'case-mistakes'));
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('cases/many-mistakes.md');
    expect(result.stderr).toContain('4:1-4:8');
    expect(result.stderr).toContain('case-unknown-key');
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  test('check --format json prints the messages on stdout', () => {
    const result = run('check', '--format', 'json', '--root', join(fixtures, 'check', 'case-mistakes'));
    expect(result.status).toBe(1);
    const messages = JSON.parse(result.stdout) as { ruleId: string }[];
    expect(messages.map((message) => message.ruleId)).toContain('case-country');
  });

  test('build --html-only exits 0 and says what it wrote', () => {
    const out = mkdtempSync(join(tmpdir(), 'whitepaper-cli-'));
    try {
      const result = run('build', '--html-only', '--root', join(fixtures, 'book', 'basic'), '--out', out);
      expect(result.status).toBe(0);
      expect(result.stderr).toMatch(/^Built .*site\/, .*editors\/index\.html, .*submit in \d+\.\d s\n$/);
      expect(existsSync(join(out, 'site', 'index.html'))).toBe(true);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  test('the first ten minutes: an option of another command, a mistyped kind, an empty folder each say what to do', () => {
    expect(run('build', '--port', '3')).toMatchObject({
      status: 2,
      stderr:
        'whitepaper: Unexpected option `--port` for `build`: it is an option of `preview`: see `whitepaper --help`\n',
    });
    expect(run('check', '--out', 'x')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('Unexpected option `--out` for `check`: it is an option of `build`'),
    });
    expect(run('new', 'chaptr', 'x')).toMatchObject({
      status: 2,
      stderr: expect.stringContaining('Unknown kind `chaptr`; did you mean `new chapter`?'),
    });
    const empty = mkdtempSync(join(tmpdir(), 'whitepaper-empty-'));
    try {
      expect(run('check', '--root', empty)).toMatchObject({
        status: 1,
        stderr: expect.stringContaining('`whitepaper init` starts one here'),
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('init starts a book that passes check and builds; a second init is refused', () => {
    const parent = mkdtempSync(join(tmpdir(), 'whitepaper-init-'));
    const root = join(parent, 'book');
    try {
      const started = run('init', root);
      expect(started).toMatchObject({ status: 0, stderr: expect.stringContaining('files. Next: `node ') });
      // The command it names works as typed, from where init ran, though `whitepaper` is on no PATH here.
      const next = /Next: `([^`]+)`/.exec(started.stderr)?.[1]?.split(' ') ?? [];
      expect(next[0]).toBe('node');
      expect(
        spawnSync(process.execPath, next.slice(1), { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } })
          .status,
      ).toBe(0);
      expect(readdirSync(root, { recursive: true }).map(String).sort()).toEqual([
        '.gitignore',
        'cases',
        'cases/awards.yaml',
        'cases/example-solar-pumps.md',
        'chapters',
        'chapters/01-introduction.md',
        'whitepaper.yaml',
      ]);
      expect(run('check', '--root', root)).toMatchObject({
        status: 0,
        stderr: expect.stringMatching(/^Checked 4 files: no problems/),
      });
      expect(run('build', '--root', root, '--html-only')).toMatchObject({ status: 0 });
      expect(existsSync(join(root, 'output', 'site', 'cases', 'example-solar-pumps.html'))).toBe(true);
      expect(run('init', root)).toMatchObject({
        status: 1,
        stderr: expect.stringContaining('exists already: this folder holds a book'),
      });
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  test('new chapter numbers after the last chapter; unfilled, it fails check on each placeholder', () => {
    const root = mkdtempSync(join(tmpdir(), 'whitepaper-chapter-'));
    try {
      cpSync(join(fixtures, 'check', 'valid'), root, { recursive: true });
      const last =
        readdirSync(join(root, 'chapters'))
          .filter((name) => name.endsWith('.md'))
          .sort()
          .at(-1) ?? '';
      const next = `${String(Number(last.slice(0, 2)) + 1).padStart(2, '0')}-energy-use.md`;
      expect(run('new', 'chapter', 'energy-use', '--root', root)).toMatchObject({
        status: 0,
        stderr: expect.stringContaining(`chapters/${next}`),
      });
      const unfilled = run('check', '--root', root, '--format', 'compact');
      expect(unfilled.status).toBe(1);
      expect(unfilled.stderr.split('\n').filter((line) => line.includes('[chapter-placeholder]'))).toEqual([
        `chapters/${next}:3:8: error Unexpected placeholder \`Title of the chapter\` for \`title\`, expected the chapter's own value (\`whitepaper new chapter\` wrote it) [chapter-placeholder]`,
        `chapters/${next}:5:10: error Unexpected placeholder \`One sentence on what the chapter covers.\` for \`summary\`, expected the chapter's own value (\`whitepaper new chapter\` wrote it) [chapter-placeholder]`,
        `chapters/${next}:12:1: error Unexpected placeholder text \`The first section of the chapter.\`, expected the chapter's own text (\`whitepaper new chapter\` wrote it) [chapter-placeholder]`,
        `chapters/${next}:16:1: error Unexpected placeholder text \`Write the chapter here.\`, expected the chapter's own text (\`whitepaper new chapter\` wrote it) [chapter-placeholder]`,
      ]);
      expect(run('new', 'chapter', 'energy-use', '--root', root)).toMatchObject({
        status: 1,
        stderr: expect.stringContaining('exists already'),
      });
      expect(run('new', 'chapter', 'Energy', '--root', root)).toMatchObject({ status: 2 });
      expect(run('new', 'report', 'x', '--root', root)).toMatchObject({ status: 2 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('new case writes a valid case file and refuses to overwrite it', () => {
    const root = mkdtempSync(join(tmpdir(), 'whitepaper-new-'));
    try {
      cpSync(join(fixtures, 'check', 'valid'), root, { recursive: true });
      expect(run('new', 'case', 'solar-schools', '--root', root)).toMatchObject({
        status: 0,
        stderr: expect.stringContaining('cases/solar-schools.md'),
      });
      const text = readFileSync(join(root, 'cases', 'solar-schools.md'), 'utf8');
      for (const key of [
        'title:',
        'organization:',
        'country:',
        'sdgs:',
        'committee:',
        'summary:',
        'contact:',
        'email:',
        '# Optional',
        'language:',
        'translations:',
      ])
        expect(text).toContain(key);
      // Unfilled, it cannot be published: every placeholder is an error, the contact not quoted.
      const unfilled = run('check', '--root', root, '--format', 'compact');
      expect(unfilled.status).toBe(1);
      expect(unfilled.stderr.split('\n').filter((line) => line.includes('[case-placeholder]'))).toHaveLength(8);
      expect(unfilled.stderr).not.toContain('contact@example.org');
      writeFileSync(
        join(root, 'cases', 'solar-schools.md'),
        text
          .replace('title: Title of the case study', 'title: Solar Power for Rural Schools')
          .replace('Name of the organisation', 'Sun School Trust')
          .replace(
            'One or two sentences on the problem, the solution and the measured result.',
            'Solar panels keep forty rural schools powered through the dry season.',
          )
          .replace('Contact person', 'Ana Reyes')
          .replace('contact@example.org', 'ana@example.org')
          .replace('The problem, who has it, and why it matters for the Goals.', 'Schools lose power.')
          .replace('What was built or changed, and how it works.', 'Panels were installed.')
          .replace('What changed, with numbers and their source.', 'Forty schools stay open.'),
      );
      expect(run('check', '--root', root)).toMatchObject({ status: 0 });
      expect(run('new', 'case', 'solar-schools', '--root', root)).toMatchObject({
        status: 1,
        stderr: expect.stringContaining('exists already'),
      });
      expect(readFileSync(join(root, 'cases', 'solar-schools.md'), 'utf8')).not.toBe(text);
      expect(run('new', 'case', 'Solar_Schools', '--root', root)).toMatchObject({ status: 2 });
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('review: import exits 1 on a bad comment and 0 on good ones; list, resolve; usage errors exit 2', () => {
    const root = mkdtempSync(join(tmpdir(), 'whitepaper-cli-review-'));
    try {
      cpSync(join(fixtures, 'check', 'valid'), root, { recursive: true });
      const comment = {
        id: 'urn:uuid:0b6c7a52-8d1e-4f0a-9a57-3e0f3f1c2d4b',
        created: '2026-12-01T09:30:00Z',
        creator: { name: 'Mei Lin' },
        body: 'Longer, please.',
        target: { source: 'chapters/01-one.md', selector: [{ type: 'TextQuoteSelector', exact: 'Body' }] },
      };
      writeFileSync(join(root, 'bad.json'), `[\n${JSON.stringify({ ...comment, body: '' })}\n]\n`);
      const bad = run('review', 'import', join(root, 'bad.json'), '--root', root);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toContain('2:1');
      expect(bad.stderr).toContain('review-format');
      expect(bad.stderr).not.toMatch(/\n\s+at /);
      writeFileSync(join(root, 'good.json'), JSON.stringify([comment]));
      expect(run('review', 'import', join(root, 'good.json'), '--root', root)).toMatchObject({
        status: 0,
        stderr: expect.stringContaining('Imported 1 new and 0 known comments'),
      });
      expect(run('review', 'list', '--open', '--root', root)).toMatchObject({
        status: 0,
        stdout: expect.stringMatching(
          /^chapters\/01-one\.md:5:1 {2}open {2}Mei Lin {2}2026-12-01 {2}urn:uuid:0b6c7a52/,
        ),
      });
      expect(run('review', 'list', '--format', 'json', '--root', root).stdout).toContain('"place": {');
      expect(run('review', 'resolve', comment.id, '--root', root)).toMatchObject({ status: 0 });
      expect(run('review', 'list', '--open', '--root', root).stdout).toBe('No comments.\n');
      expect(run('review', 'resolve', 'urn:uuid:0000', '--root', root).status).toBe(2);
      expect(run('review', 'frobnicate', '--root', root)).toMatchObject({
        status: 2,
        stderr: expect.stringContaining('Unknown review command `frobnicate`'),
      });
      expect(run('check', '--review', '--root', root).status).toBe(2);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('check exits 0 on valid content, saying so in one line', () => {
    const result = run('check', '--root', join(fixtures, 'check', 'valid'));
    expect(result).toMatchObject({ status: 0 });
    expect(result.stderr).toMatch(/^Checked \d+ files: no problems \(\d+\.\d s\)\n$/);
  });

  test('usage errors are one line with a likely command or option, exit 2', () => {
    expect(run('biuld')).toMatchObject({
      status: 2,
      stderr: 'whitepaper: Unknown command `biuld`; did you mean `build`?: see `whitepaper --help`\n',
    });
    expect(run('build', '--ouput', 'x')).toMatchObject({
      status: 2,
      stderr: 'whitepaper: Unknown option `--ouput`; did you mean `--out`?: see `whitepaper --help`\n',
    });
    expect(run('build', '--bogus')).toMatchObject({
      status: 2,
      stderr: 'whitepaper: Unknown option `--bogus`: see `whitepaper --help`\n',
    });
  });

  test('a folder with no book, and --since outside git, say what is wrong', () => {
    const empty = mkdtempSync(join(tmpdir(), 'whitepaper-empty-'));
    try {
      const result = run('check', '--root', empty);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(
        'Missing file, expected the settings of a book in this folder: a content folder holds `whitepaper.yaml`, `chapters/NN-slug.md` and `cases/<slug>.md`',
      );
      cpSync(join(fixtures, 'check', 'valid'), empty, { recursive: true });
      expect(run('check', '--root', empty, '--since', 'HEAD~1')).toMatchObject({
        status: 2,
        stderr: `whitepaper: \`--since\` compares with git history, and ${empty} is not in a git work tree: see \`whitepaper --help\`\n`,
      });
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  test('--format compact prints one parseable line per message', () => {
    const result = run('check', '--format', 'compact', '--root', join(fixtures, 'check', 'case-mistakes'));
    expect(result.status).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(3);
    for (const line of lines) expect(line).toMatch(/^[^:\s]+:\d+:\d+: (error|warning|info) .+ \[[a-z0-9-]+\]$/);
    expect(lines).toContain(
      'cases/many-mistakes.md:4:1: error Unexpected key `countyr`, did you mean `country`? [case-unknown-key]',
    );
  });

  test('--root is relative to the folder the user is in, also under npm run', () => {
    const result = spawnSync(process.execPath, [bin, 'check', '--root', '.'], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '', INIT_CWD: join(fixtures, 'check', 'valid') },
    });
    expect(result).toMatchObject({ status: 0, stderr: expect.stringMatching(/^Checked \d+ files: no problems/) });
  });
});
