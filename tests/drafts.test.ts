/**
 * Drafts and "what changed": a fixture book in a git repository, edited after a commit, built
 * with --draft --since HEAD.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { build, UsageError, type BuildResult } from '../pipeline/index.js';
import { fixtures, sharedBrowser } from './helpers.js';
import { greyPage, pageText, pdfInfo } from './pdf-tools.js';

const root = mkdtempSync(join(tmpdir(), 'whitepaper-drafts-'));
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.email=test@example.org', '-c', 'user.name=Test', ...args], {
    cwd: root,
    encoding: 'utf8',
  });
let result: BuildResult;
let commit: string;
const read = (path: string) => readFileSync(join(root, 'output', path), 'utf8');

beforeAll(async () => {
  cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
  // What the earlier revision has that the sample never does: typography that the transform
  // changes (unchanged below: nothing may be marked), a case whose file starts with a blank line
  // before its front matter, and an editor's HTML comment (both gone below).
  const beta = join(root, 'chapters', '02-beta.md');
  writeFileSync(
    beta,
    `${readFileSync(beta, 'utf8')}\nIt's a "quoted" word -- and more... with $x^2$.\n\n<!-- editor: call Private Person -->\n`,
  );
  const river = join(root, 'cases', 'river-sensors.md');
  const riverText = readFileSync(river, 'utf8');
  writeFileSync(river, `\n${riverText}\n<!-- reviewer: private.person@example.org -->\n\nA paragraph that goes.\n`);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'First draft');
  commit = git('rev-parse', '--short', 'HEAD').trim();
  const alpha = join(root, 'chapters', '01-alpha.md');
  writeFileSync(
    alpha,
    readFileSync(alpha, 'utf8')
      .replace('Closing words of chapter alpha,', 'Closing words of chapter alpha, revised,')
      .replace(
        'Coverage keeps growing [@smith2020, p. 12].',
        'Coverage keeps growing [@smith2020, p. 12].\n\nA brand new paragraph about resilience.',
      )
      .replace('| Viet Nam | 87% | 2025 |\n', '')
      .concat('\nGrowth follows $g = r^2$ in theory.\n'),
  );
  writeFileSync(river, riverText.replace('sdgs: [6, 13]', 'sdgs: [6, 11, 13]'));
  result = await build({ ...sharedBrowser, root, draft: true, since: 'HEAD' });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('--since', () => {
  test('marks added and changed blocks, and lists removed ones, on the page', () => {
    const alpha = read('site/chapters/alpha.html');
    expect(alpha).toContain('<p data-change="added" id="alpha--change-1">A brand new paragraph about resilience.</p>');
    expect(alpha).toMatch(
      /<p data-change="changed" id="alpha--change-2">Closing words of chapter alpha, revised, looking back at <a class="xref" href="[^"]+">Figure 1.1<\/a>/,
    );
    expect(alpha).toMatch(
      /<p class="removed-title">Removed since HEAD<\/p>\s*<ul>\s*<li><del>Viet Nam \| 87% \| 2025<\/del><\/li>/,
    );
    expect(read('site/chapters/beta.html')).not.toContain('data-change');
  });

  test('marks a case card whose details changed', () => {
    expect(read('site/cases/river-sensors.html')).toContain('<header class="case-card" data-change="changed">');
    expect(read('site/cases/tokyo-ledger.html')).not.toContain('data-change');
  });

  test('an earlier revision is read as the current one: its front matter and comments are never published', () => {
    const river = read('site/cases/river-sensors.html');
    expect(river).toMatch(/<li><del>A paragraph that goes.<\/del><\/li>\s*<\/ul>/);
    // Anywhere in the output: pages, the dashboard, the cache.
    const found = spawnSync(
      'grep',
      ['-rlE', 'Private Person|private\\.person|reviewer:|editor:', join(root, 'output')],
      {
        encoding: 'utf8',
      },
    );
    expect([found.status, found.stdout]).toEqual([1, '']);
  });

  test('a Changes page links to every changed place', () => {
    const changes = read('site/changes.html');
    expect(changes).toContain('<h1 id="changes">Changes since HEAD</h1>');
    expect(changes).toContain(
      '<a href="chapters/alpha.html#alpha--change-1">added</a>: A brand new paragraph about resilience.',
    );
    expect(changes).toContain(
      '<a href="chapters/alpha.html#alpha--change-2">changed</a>: Closing words of chapter alpha, revised, looking back at Figure 1.1 and Table 1.1, as UNESCO (2023) did.',
    );
    expect(changes).toContain('<h2><a href="cases/river-sensors.html">River Sensors for Flood Warning</a></h2>');
    expect(changes).toContain(
      '<a href="chapters/alpha.html#alpha--change-3">added</a>: Growth follows g &#x3D; r^2 in theory.',
    );
    expect(changes).not.toContain('beta.html');
    expect(read('site/index.html')).toContain('<a class="changes-link" href="changes.html">Changes since HEAD</a>');
  });

  test('an unknown revision is a usage error', async () => {
    await expect(
      build({ ...sharedBrowser, root, since: 'no-such-revision', htmlOnly: true, out: join(root, 'other') }),
    ).rejects.toThrow(UsageError);
  });
});

describe('--draft', () => {
  test('every HTML page carries the draft banner with the commit', () => {
    for (const page of ['site/index.html', 'site/chapters/alpha.html', 'site/cases/river-sensors.html']) {
      expect(read(page)).toMatch(
        new RegExp(
          `<div class="draft-banner" role="note">Draft built \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC from ${commit}\\+changes</div>`,
        ),
      );
    }
  });

  test('every PDF page has the DRAFT watermark and the draft line', () => {
    const pdf = result.outputs?.pdf ?? '';
    const count = Number(pdfInfo(pdf)['Pages']);
    for (let page = 1; page <= count; page++) {
      const text = pageText(pdf, page, 'raw');
      expect([page, text.includes('DRAFT')]).toEqual([page, true]);
      expect([page, text.includes(`from ${commit}+changes`)]).toEqual([page, true]);
    }
  });

  test('every certificate carries the DRAFT watermark and the draft line too', () => {
    const folder = result.outputs?.certificates ?? '';
    const names = readdirSync(folder);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const text = pageText(join(folder, name), 1, 'raw');
      expect([name, text.includes('DRAFT'), text.includes(`from ${commit}+changes`)]).toEqual([name, true, true]);
    }
  });

  test('the cover fills its page under --draft --since too: no white band where the change bars take room', () => {
    const cover = greyPage(join(root, 'output', 'fixture.pdf'), 1);
    // The cover's background is dark from edge to edge: the first and last columns, half-way down.
    const at = (x: number) => cover.pixels[Math.floor(cover.height / 2) * cover.width + x] ?? 255;
    expect([at(0), at(cover.width - 1)].map((grey) => grey < 160)).toEqual([true, true]);
  });

  test('changed blocks get a change bar in the PDF', () => {
    const html = read('print/book.html');
    expect(html).toContain('<body class="change-bars">');
    expect(html).toContain('<p data-change="added" id="alpha--change-1">');
    expect(read('print/print.css')).toContain('.change-bars [data-change]:not(tr)::before');
  });
});
