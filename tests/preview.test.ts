/**
 * The reviewer preview in real Chromium: live reload, the error overlay, and a server that
 * serves nothing but the site.
 */
import {
  appendFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import type { BrowserContext, Page } from 'puppeteer';
import { build, check, preview, type Preview } from '../pipeline/index.js';
import { formatReport } from '../pipeline/report.js';
import { PreviewSession } from '../pipeline/preview/session.js';
import { sitePath } from '../pipeline/preview/server.js';
import { commentOn, fixtures, testBrowser } from './helpers.js';

const root = mkdtempSync(join(tmpdir(), 'whitepaper-preview-'));
const chapter = join(root, 'chapters', '01-alpha.md');
let server: Preview;
let browser: BrowserContext;
let release: () => Promise<void>;
let page: Page;

/** A raw request, so that the path and the Host header reach the server as written. */
function get(path: string, host?: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const url = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: url.port, path, headers: { host: host ?? url.host } },
      (response) => {
        let body = '';
        response.on('data', (chunk: Buffer) => (body += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/** Wait until a condition holds, for at most ten seconds. */
async function waitFor(condition: () => boolean): Promise<void> {
  const until = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > until) throw new Error('Timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  cpSync(join(fixtures, 'book', 'basic'), root, { recursive: true });
  server = await preview({ root, port: 0 });
  ({ browser, release } = await testBrowser());
  page = await browser.newPage();
  await page.setViewport({ width: 900, height: 700 });
});

afterAll(async () => {
  await release();
  await server.close();
  rmSync(root, { recursive: true, force: true });
});

describe('preview', () => {
  test('serves the site on loopback with the reload client', async () => {
    expect(server.url).toMatch(/^http:\/\/localhost:\d+\/$/);
    await page.goto(`${server.url}chapters/alpha.html`);
    expect(await page.$eval('h1', (node) => node.textContent)).toBe('Alpha Infrastructure');
    expect(await page.$$eval('script', (nodes) => nodes.map((node) => node.getAttribute('src')))).toEqual([
      // The page's metadata for search engines (JSON-LD), data only.
      null,
      '/__whitepaper/client.js',
      '../assets/menu.js',
      // The page's comments, as data, and the script that shows them and takes new ones.
      null,
      '../assets/review.js',
      '../assets/search-index.js',
      '../assets/search.js',
    ]);
  });

  test('an edited chapter shows in the open page by itself, at the same scroll position', async () => {
    await page.goto(`${server.url}chapters/alpha.html`);
    await page.evaluate(() => window.scrollTo(0, 400));
    const marker = await page.evaluate(() => {
      (window as unknown as { marker: number }).marker = 42;
      return window.scrollY;
    });
    expect(marker).toBe(400);
    appendFileSync(chapter, '\nA freshly written closing sentence.\n');
    await page.waitForFunction(() => document.body.textContent?.includes('A freshly written closing sentence.'), {
      timeout: 10_000,
    });
    // The body was replaced in place: the same document (its variable is still there), the
    // new text, scrolled where the reader was.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(42);
    await page.waitForFunction(() => window.scrollY === 400, { timeout: 5_000 });
    expect(await page.$$eval('script', (nodes) => nodes.map((node) => node.getAttribute('src')))).toEqual([
      // The page's metadata for search engines (JSON-LD), data only.
      null,
      '/__whitepaper/client.js',
      '../assets/menu.js',
      // The page's comments, as data, and the script that shows them and takes new ones.
      null,
      '../assets/review.js',
      '../assets/search-index.js',
      '../assets/search.js',
    ]);
  });

  test('an error shows an overlay with file, line and column; fixing it clears the overlay', async () => {
    await page.goto(`${server.url}index.html`);
    const good = readFileSync(chapter, 'utf8');
    writeFileSync(chapter, good.replace('title: Alpha Infrastructure', 'title: [Alpha'));
    await page.waitForSelector('#whitepaper-overlay', { timeout: 10_000 });
    const text = await page.$eval('#whitepaper-overlay', (node) => node.textContent ?? '');
    expect(text).toContain('chapters/01-alpha.md:3:1');
    expect(text).toContain('frontmatter-yaml');
    // Errors first, over an opaque panel: no page text shows through.
    expect(text).toMatch(/^1 error\b.*: the preview shows the last good build until they are fixed/);
    expect(await page.$$eval('.whitepaper-message', (items) => items[0]?.className)).toBe(
      'whitepaper-message whitepaper-error',
    );
    expect(await page.$eval('#whitepaper-overlay', (node) => getComputedStyle(node).backgroundColor)).toBe(
      'rgb(20, 20, 24)',
    );
    writeFileSync(chapter, good);
    await page.waitForSelector('#whitepaper-overlay', { hidden: true, timeout: 10_000 });
  });

  test('a template that does not compile is reported, and the preview goes on with the next change', async () => {
    const other = mkdtempSync(join(tmpdir(), 'whitepaper-preview-template-'));
    cpSync(join(fixtures, 'book', 'basic'), other, { recursive: true });
    const errors: string[] = [];
    const updates: string[][] = [];
    const running = await preview({
      root: other,
      port: 0,
      onError: (error) => errors.push(error.message),
      onUpdate: (update) => updates.push(update.pages),
    });
    try {
      const pager = join(other, 'templates', 'partials', 'pager.hbs');
      mkdirSync(join(other, 'templates', 'partials'), { recursive: true });
      writeFileSync(pager, '<ol>{{#each entries}}<li>{{title}}</ol>');
      await waitFor(() => errors.length > 0);
      expect(errors[0]).toMatch(/^Template `layouts\/page\.hbs` failed: Parse error on line/);
      rmSync(pager);
      appendFileSync(join(other, 'chapters', '01-alpha.md'), '\nWritten after the template was mended.\n');
      await waitFor(() => updates.some((pages) => pages.includes('chapters/alpha.html')));
      const response = await fetch(`${running.url}chapters/alpha.html`);
      expect(await response.text()).toContain('Written after the template was mended.');
    } finally {
      await running.close();
      rmSync(other, { recursive: true, force: true });
    }
  });

  test('answers with a Content-Security-Policy that allows only its own script', async () => {
    const response = await get('/index.html');
    expect(response.status).toBe(200);
    expect(response.headers['content-security-policy']).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
  });

  test('serves nothing outside the site, whatever the spelling, and refuses foreign Host headers', async () => {
    for (const path of [
      '/../whitepaper.yaml',
      '/%2e%2e/whitepaper.yaml',
      '/..%2fwhitepaper.yaml',
      '/chapters/..%2f..%2fwhitepaper.yaml',
      '/%00',
      '/..\\whitepaper.yaml',
      '/whitepaper.yaml',
      '/chapters/01-alpha.md',
    ]) {
      const response = await get(path);
      expect([path, response.status >= 400, response.body.includes('title:')]).toEqual([path, true, false]);
    }
    expect((await get('/index.html', 'attacker.example:80')).status).toBe(421);
  });

  test('sitePath keeps requests inside the site', () => {
    expect(sitePath('/')).toBe('index.html');
    expect(sitePath('/cases/')).toBe('cases/index.html');
    expect(sitePath('/chapters/alpha.html?x=1#top')).toBe('chapters/alpha.html');
    expect(sitePath('/a/../b')).toBeUndefined();
    expect(sitePath('/%E0%A4%A')).toBeUndefined();
  });
});

/** A raw POST to the comment endpoint, with the headers a page's script sends unless told otherwise. */
function post(
  body: string,
  headers: Record<string, string | undefined> = {},
  path = '/__whitepaper/review',
): Promise<{ status: number; body: string }> {
  const url = new URL(server.url);
  const sent = Object.fromEntries(
    Object.entries({
      host: url.host,
      origin: url.origin,
      'content-type': 'application/json',
      'x-whitepaper-token': tokenOf(),
      ...headers,
    }).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: url.port, path, method: 'POST', headers: sent }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let token = '';
const tokenOf = () => token;

/** A comment on the Alpha chapter, as the page's script sends it. */
const commentJson = (exact: string, fields: Record<string, unknown> = {}) =>
  JSON.stringify({
    id: `urn:uuid:${randomUUID()}`,
    created: new Date().toISOString(),
    creator: { type: 'Person', name: 'Mei Lin' },
    body: { type: 'TextualBody', value: 'Check this.', format: 'text/plain' },
    target: { source: 'chapters/01-alpha.md', edition: 'en', selector: [{ type: 'TextQuoteSelector', exact }] },
    status: 'open',
    replies: [],
    ...fields,
  });

describe('comments in the preview', () => {
  const kept = () => {
    const path = join(root, 'review', 'chapters', '01-alpha.jsonl');
    return existsSync(path) ? readFileSync(path, 'utf8').trim().split('\n').filter(Boolean) : [];
  };

  test('the endpoint takes comments only from its own pages: origin, token, size, JSON, a source of the book; nothing of the request names a file', async () => {
    await page.goto(`${server.url}chapters/alpha.html`);
    token = await page.$eval(
      '#review-data',
      (script) => (JSON.parse(script.textContent ?? '{}') as { store: { token: string } }).store.token,
    );
    expect(token).toMatch(/^[0-9a-f]{48}$/);
    const body = commentJson('Coverage keeps growing');
    expect((await post(body, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(body, { origin: undefined })).status).toBe(403);
    expect((await post(body, { 'x-whitepaper-token': undefined })).status).toBe(403);
    expect((await post(body, { 'x-whitepaper-token': 'f'.repeat(48) })).status).toBe(403);
    expect((await post(body, { 'content-type': 'text/plain' })).status).toBe(415);
    expect((await post(body.replace('Check this.', 'x'.repeat(70_000)))).status).toBe(413);
    expect(await post('{not json')).toEqual({ status: 400, body: 'Expected a comment as JSON\n' });
    const outside = commentJson('x', {
      target: { source: 'chapters/../../../tmp/x.md', selector: [{ type: 'TextQuoteSelector', exact: 'x' }] },
    });
    expect((await post(outside)).status).toBe(400);
    const unknown = commentJson('x', {
      target: { source: 'chapters/99-none.md', selector: [{ type: 'TextQuoteSelector', exact: 'x' }] },
    });
    expect(await post(unknown)).toEqual({
      status: 400,
      body: 'Unexpected comment: expected `target.source` to be a chapter or case of the book\n',
    });
    expect((await post(body, {}, '/__whitepaper/review?file=../x')).status).toBe(405);
    expect(kept()).toEqual([]);
    const saved = await post(body);
    expect(saved.status).toBe(200);
    expect(kept()).toHaveLength(1);
    expect(JSON.parse(kept()[0] ?? '')).toMatchObject({
      target: { selector: [{ exact: 'Coverage keeps growing' }, { type: 'TextPositionSelector' }] },
    });
  });

  test('select, comment, and every open page shows it without a reload; a script in a body is text; resolve it and check no longer lists it', async () => {
    const other = await browser.newPage();
    try {
      await other.goto(`${server.url}chapters/alpha.html`);
      await other.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
      // The reviewer's tab in front; the other stays open behind it (no animation frames there).
      await page.bringToFront();
      await page.goto(`${server.url}chapters/alpha.html`);
      await page.waitForFunction(() => document.querySelectorAll('mark.review-mark').length === 1);
      await commentOn(page, 'A note on sources', 'Ravi', '<img src=x onerror="window.pwned=1">Old source?');
      await waitFor(() => kept().length === 2);
      // The other tab was not reloaded, and shows the new comment as text.
      await other.waitForFunction(() => document.querySelectorAll('mark.review-mark').length === 2, {
        polling: 100,
        timeout: 30_000,
      });
      await other.bringToFront();
      expect(
        await other.evaluate(() => ({
          stayed: (window as unknown as { stayed?: boolean }).stayed,
          pwned: (window as unknown as { pwned?: number }).pwned ?? null,
          body: Array.from(document.querySelectorAll('.review-body')).map((p) => p.textContent),
          images: document.querySelectorAll('.review-panel img').length,
        })),
      ).toEqual({
        stayed: true,
        pwned: null,
        body: ['Check this.', '<img src=x onerror="window.pwned=1">Old source?'],
        images: 0,
      });
      const listed = () => check({ root }).then(({ files }) => formatReport(files, { format: 'compact' }));
      expect(await listed()).toMatch(
        /chapters\/01-alpha.md:\d+:1: info Open comment by Ravi: <img src=x onerror="window.pwned=1">Old source\? \[review-comment\]/,
      );
      await other.click('.review-toggle');
      await other.evaluate(() => {
        const item = Array.from(document.querySelectorAll('.review-comment')).find((li) =>
          li.textContent?.includes('Old source?'),
        );
        Array.from(item?.querySelectorAll('button') ?? [])
          .find((b) => b.textContent === 'Resolve')
          ?.click();
      });
      await waitFor(() => kept().some((line) => line.includes('"status":"resolved"')));
      expect(await listed()).not.toContain('Ravi');
    } finally {
      await other.close();
    }
  });
});

describe('the preview serves the site output', () => {
  test('every file a build writes into site/, byte for byte, and no other', async () => {
    // Two editions (a folder each, their own font sheets), images and cases.
    const sample = join(fixtures, 'editions');
    const out = mkdtempSync(join(tmpdir(), 'whitepaper-preview-site-'));
    try {
      await build({ root: sample, out, htmlOnly: true, cacheDir: false });
      const session = new PreviewSession(sample);
      await session.rebuild();
      const written = filesBelow(join(out, 'site'));
      expect(written.length).toBeGreaterThan(20);
      expect(written).toEqual(expect.arrayContaining(['en/assets/fonts.css', 'zh/assets/fonts.css', 'index.html']));
      for (const path of written)
        expect([path, await session.read(path)]).toEqual([path, readFileSync(join(out, 'site', path))]);
      expect(await session.read('assets/no-such-file.css')).toBeUndefined();
      expect(session.paths().sort()).toEqual(written.sort());
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 300_000);
});

/** Paths of the files below a folder, relative to it. */
function filesBelow(folder: string, prefix = ''): string[] {
  return readdirSync(join(folder, prefix), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesBelow(folder, `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}
