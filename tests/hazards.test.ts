/**
 * Adversarial input, one small project per hazard: each ends in a located message, and nothing
 * leaks: no file written by front matter, no request to a loopback listener, no /etc/passwd in
 * outputs, the previous output kept.
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { build, check, InterruptedError } from '../pipeline/index.js';
import { formatReport } from '../pipeline/report.js';
import { expectFile, fixtures } from './helpers.js';

const temp = mkdtempSync(join(tmpdir(), 'whitepaper-hazards-'));
const hits: string[] = [];
let server: Server;
let port = 0;

/** Copy a hazard project to a temporary folder, with the listener's port filled in. */
function project(name: string): string {
  const root = join(temp, name);
  cpSync(join(fixtures, 'hazards', name), root, { recursive: true });
  const fill = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) fill(path);
      else if (entry.endsWith('.md'))
        writeFileSync(path, readFileSync(path).toString('latin1').replaceAll('{{PORT}}', String(port)), 'latin1');
    }
  };
  fill(root);
  return root;
}

/** The report with the port and temporary paths made stable. */
function report(files: Parameters<typeof formatReport>[0]): string {
  return formatReport(files).replaceAll(String(port), 'PORT').replaceAll(temp, 'TEMP');
}

function allFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) =>
    statSync(join(dir, name)).isDirectory() ? allFiles(join(dir, name)) : [join(dir, name)],
  );
}

const passwd = readFileSync('/etc/passwd', 'utf8').split('\n')[0] ?? 'root:x:0:0';

beforeAll(async () => {
  server = createServer((request, response) => {
    hits.push(request.url ?? '');
    response.end('leaked');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(temp, { recursive: true, force: true });
});

describe('hazards', () => {
  test('front matter in another language, custom tags, alias bombs and __proto__ are located errors, never evaluated', async () => {
    const root = project('frontmatter-code');
    const result = await check({ root });
    expectFile(join(fixtures, 'hazards', 'frontmatter-code', 'expected.txt'), report(result.files));
    for (const marker of ['js', 'javascript', 'coffee', 'tag'])
      expect(existsSync(`/tmp/whitepaper-pwned-${marker}`)).toBe(false);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('front matter cannot set build options, and Markdown never reaches Handlebars', async () => {
    const root = project('build-options');
    const result = await check({ root });
    expectFile(join(fixtures, 'hazards', 'build-options', 'expected.txt'), report(result.files));
    expect(existsSync('/tmp/whitepaper-pwned-output')).toBe(false);
  });

  test('images must be files inside the project; links are never fetched', async () => {
    const root = project('paths');
    symlinkSync('/etc/passwd', join(root, 'chapters', 'images', 'passwd.png'));
    const result = await build({ root, htmlOnly: true });
    expectFile(join(fixtures, 'hazards', 'paths', 'expected.txt'), report(result.files));
    expect(hits).toEqual([]);
    for (const file of allFiles(join(root, 'output')))
      expect([file, readFileSync(file, 'utf8').includes(passwd)]).toEqual([file, false]);
  });

  test('raw HTML in a case is sanitised with a warning per removal, and the site has none of it', async () => {
    const root = project('raw-html');
    const result = await build({ root, htmlOnly: true });
    expectFile(join(fixtures, 'hazards', 'raw-html', 'expected.txt'), report(result.files));
    expect(result.outputs?.site).toBe(join(root, 'output', 'site'));
    const [head = '', page = ''] = readFileSync(join(root, 'output', 'site', 'cases', 'raw.html'), 'utf8')
      .toLowerCase()
      .split('</head>');
    // The head is the layout's: its metadata, one JSON-LD block (data, its `<` escaped), nothing the case wrote.
    expect(head.match(/<script/g)).toEqual(['<script']);
    expect(head).toMatch(/<script type="application\/ld\+json">[^<]*<\/script>/);
    expect(head).not.toMatch(/http-equiv|<base|<style|<iframe|javascript:|onerror|onload/);
    // The layout's own search and menu (a form and three same-origin scripts) are all the page has of them.
    const own = [
      '<script src="../assets/menu.js"></script>',
      '<script src="../assets/search-index.js"></script>',
      '<script src="../assets/search.js"></script>',
      '<form class="site-search" role="search"',
    ];
    for (const part of own) expect(page.split(part).length - 1).toBe(1);
    const html = own.reduce((text, part) => text.replace(part, ''), page);
    for (const banned of [
      '<script',
      'onerror',
      'onload',
      'javascript:',
      '<iframe',
      '<object',
      '<form',
      '<style',
      'style=',
      '<base',
      '<svg',
      String(port),
    ]) {
      expect([banned, html.includes(banned)]).toEqual([banned, false]);
    }
    // No <meta> in the body: the layout's are all in the head.
    expect(html.match(/<meta /g)).toBeNull();
    expect(hits).toEqual([]);
  });

  test('the print browser loads nothing outside the build, even from trusted chapters', async () => {
    const root = project('trusted-print');
    const result = await build({ root });
    expect(result.outputs?.pdf).toBe(join(root, 'output', 'whitepaper.pdf'));
    const blocked = result.files
      .flatMap((file) => file.messages)
      .filter((message) => message.ruleId === 'print-request-blocked');
    const urls = blocked.map((message) => /`([^`]+)`/.exec(message.reason)?.[1]?.replace(String(port), 'PORT')).sort();
    expect(urls).toEqual([
      'file:///etc/passwd',
      'http://127.0.0.1:PORT/bg.png',
      'http://127.0.0.1:PORT/import.css',
      'http://127.0.0.1:PORT/object',
      'http://127.0.0.1:PORT/poster.png',
      'http://127.0.0.1:PORT/source.png',
      'http://[::1]:PORT/link.css',
    ]);
    expect(hits).toEqual([]);
    for (const file of allFiles(join(root, 'output')))
      expect([file, readFileSync(file).toString('latin1').includes(passwd)]).toEqual([file, false]);
  });

  test('invalid UTF-8, oversized files and deep nesting are located errors; a BOM and CRLF are fine', async () => {
    const result = await check({ root: project('encoding-limits') });
    expectFile(join(fixtures, 'hazards', 'encoding-limits', 'expected.txt'), report(result.files));
  });

  test('nesting deep enough to overflow the parser is an error, not a crash', async () => {
    const result = await check({ root: project('stack-overflow') });
    expectFile(join(fixtures, 'hazards', 'stack-overflow', 'expected.txt'), report(result.files));
  });

  test('too many files is an error on whitepaper.yaml, before any is read', async () => {
    const result = await check({ root: project('too-many-files') });
    expectFile(join(fixtures, 'hazards', 'too-many-files', 'expected.txt'), report(result.files));
  });
});

describe('never lose a good build', () => {
  test('an interrupted build leaves the previous output and no staging folder', async () => {
    const root = join(temp, 'interrupted');
    cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
    await build({ root, htmlOnly: true });
    const before = readFileSync(join(root, 'output', 'site', 'index.html'), 'utf8');
    writeFileSync(join(root, 'chapters', '00-foreword.md'), '---\ntitle: Changed\n---\n\nChanged.\n');
    const controller = new AbortController();
    const building = build({
      root,
      signal: controller.signal,
      onProgress: (stage) => stage === 'launch browser' && controller.abort(),
    });
    await expect(building).rejects.toThrow(InterruptedError);
    expect(readFileSync(join(root, 'output', 'site', 'index.html'), 'utf8')).toBe(before);
    expect(readdirSync(temp).filter((name) => name.includes('staging'))).toEqual([]);
  });

  test('a browser that hangs on start is given up on with a clear message', async () => {
    const root = join(temp, 'hung');
    cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
    const fake = join(temp, 'hung-chrome.sh');
    writeFileSync(fake, '#!/bin/sh\nexec sleep 60\n', { mode: 0o755 });
    const previous = process.env['PUPPETEER_EXECUTABLE_PATH'];
    process.env['PUPPETEER_EXECUTABLE_PATH'] = fake;
    try {
      const started = Date.now();
      await expect(build({ root, timeout: 1500 })).rejects.toThrow(
        /Could not start the browser .*hung-chrome\.sh.*Timed out after 1500 ms/s,
      );
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(existsSync(join(root, 'output'))).toBe(false);
    } finally {
      if (previous === undefined) delete process.env['PUPPETEER_EXECUTABLE_PATH'];
      else process.env['PUPPETEER_EXECUTABLE_PATH'] = previous;
    }
  });
});
