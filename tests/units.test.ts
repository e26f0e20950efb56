/** Small pure functions: helpers, suggestions, browser discovery, the API surface. */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runInNewContext } from 'node:vm';
import { join } from 'node:path';
import { describe, expect, jest, test } from '@jest/globals';
import * as api from '../pipeline/index.js';
import { findBrowser } from '../pipeline/render/print/browser.js';
import { cssString } from '../pipeline/render/helpers/css-string.js';
import { isAllowed } from '../pipeline/render/print/pdf.js';
import { englishLabels as english } from '../pipeline/data/languages/index.js';
import { badgeColour, contrastWithWhite, sdgStylesheet, sdgView } from '../pipeline/render/view/view.js';
import { sdgs } from '../pipeline/data/sdgs.js';
import { editionFonts, scriptTexts } from '../pipeline/render/font-files.js';
import { suggest } from '../pipeline/shared/suggest.js';
import { EXIT, SKIP, walk } from '../pipeline/shared/walk.js';
import { hyphenatorFor } from '../pipeline/render/view/hyphenate.js';
import { FileClock } from '../pipeline/shared/loading.js';
import { rectoBlanks, spills } from '../pipeline/render/print/book.js';
import { tokenize } from '../pipeline/render/site/search.js';

describe('helpers', () => {
  test('cssString quotes and escapes what could end the string or the style element', () => {
    expect(cssString('Digital Economy')).toBe('"Digital Economy"');
    expect(cssString('a "b" \\ </style>')).toBe('"a \\22 b\\22  \\5c  \\3c /style\\3e "');
  });

  test('SDG badges: white text on every goal, its colour darkened in its own hue where white would not read', () => {
    expect(sdgView(6, english)).toEqual({
      number: 6,
      label: 'SDG 6',
      name: 'Clean Water and Sanitation',
      colour: '#26BDE2',
    });
    const css = sdgStylesheet();
    const badges = [...css.matchAll(/\.sdg-(\d+) \{ background-color: (#[0-9A-F]{6}); color: #FFFFFF; \}/g)];
    // The same sheet holds the image widths `{width=…}` gives, in steps of 5%.
    expect([...css.matchAll(/img\.width-(\d+) \{ width: (\d+)%; \}/g)].map(([, name, width]) => [name, width])).toEqual(
      Array.from({ length: 20 }, (_, index) => [String((index + 1) * 5), String((index + 1) * 5)]),
    );
    expect(badges.map((badge) => Number(badge[1]))).toEqual(sdgs.map((sdg) => sdg.number));
    for (const [, number, background] of badges) {
      expect(contrastWithWhite(background ?? '')).toBeGreaterThanOrEqual(4.5);
      // Colours dark enough already are kept as the UN gives them.
      const official = sdgs[Number(number) - 1]?.colour ?? '';
      if (contrastWithWhite(official) >= 4.5) expect(background).toBe(official);
    }
    // The yellow of SDG 7 becomes a darker yellow, not grey: red stays above green, green above blue.
    const [r, g, b] = [1, 3, 5].map((at) => Number.parseInt(badgeColour('#FCC30B').slice(at, at + 2), 16));
    expect([(r ?? 0) > (g ?? 0), (g ?? 0) > (b ?? 0)]).toEqual([true, true]);
    expect(() => sdgView(18, english)).toThrow(RangeError);
  });

  test('suggest finds likely typos only', () => {
    expect(suggest('countyr', ['title', 'country', 'committee'])).toBe('country');
    expect(suggest('layout', ['title', 'country', 'committee'])).toBeUndefined();
  });
});

describe('browser discovery', () => {
  const fake = join(mkdtempSync(join(tmpdir(), 'browser-')), 'chrome');
  writeFileSync(fake, '');

  test('PUPPETEER_EXECUTABLE_PATH comes first, and must exist', () => {
    expect(findBrowser({ PUPPETEER_EXECUTABLE_PATH: fake }, [])).toBe(fake);
    expect(() => findBrowser({ PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' }, [])).toThrow(
      api.BrowserNotFoundError,
    );
  });

  test('then a system browser; otherwise a message that says how to install one', () => {
    expect(findBrowser({}, ['/nonexistent/a', fake])).toBe(fake);
    expect(() => findBrowser({}, ['/nonexistent/a'])).toThrow(/apt-get install -y chromium/);
  });

  test('the print page may load only files under the build folder', () => {
    const root = `${tmpdir()}/`;
    expect(isAllowed(`file://${fake}`, root)).toBe(true);
    expect(isAllowed('file:///etc/passwd', root)).toBe(false);
    expect(isAllowed('http://127.0.0.1/', root)).toBe(false);
    expect(isAllowed('data:text/html,hi', root)).toBe(false);
  });
});

describe('API', () => {
  test('exports exactly the documented names', () => {
    expect(Object.keys(api).sort()).toEqual([
      'BrowserNotFoundError',
      'InterruptedError',
      'OutputError',
      'PrintError',
      'RefusedError',
      'TemplateError',
      'UsageError',
      'WhitepaperError',
      'build',
      'check',
      'defaultOutputs',
      'defaultTemplates',
      'init',
      'newCase',
      'newChapter',
      'preview',
    ]);
  });
});

describe('print ids', () => {
  test('plain ids stay; others become short ASCII, the same in ids and links', async () => {
    const { printId, printIds } = await import('../pipeline/render/print/ids.js');
    expect(printId('ethics--consent-and-data')).toBe('ethics--consent-and-data');
    const chinese = printId('legal--公司的法律团队需要知道什么');
    expect(chinese).toMatch(/^legal--u[0-9a-f]{12}$/);
    expect(
      printIds(
        '<h2 id="legal--公司的法律团队需要知道什么"></h2><a href="#legal--%E5%85%AC%E5%8F%B8%E7%9A%84%E6%B3%95%E5%BE%8B%E5%9B%A2%E9%98%9F%E9%9C%80%E8%A6%81%E7%9F%A5%E9%81%93%E4%BB%80%E4%B9%88">x</a><a href="#">top</a><a href="https://example.org/#中">y</a>',
      ),
    ).toBe(
      `<h2 id="${chinese}"></h2><a href="#${chinese}">x</a><a href="#">top</a><a href="https://example.org/#中">y</a>`,
    );
  });
});

describe('fonts by script', () => {
  test('Japanese, Korean and Traditional Chinese text is found by its tag, its script or its country', () => {
    const texts = scriptTexts({
      cases: [
        { language: 'ja', title: '水の話', body: { properties: { lang: 'en' }, children: [{ value: 'Water' }] } },
        { country: 'KR', organization: '서울시' },
        { country: 'JP', organization: '東京台帳' },
        { language: 'zh-Hant', title: '臺灣' },
        { organization: '数字经济' },
      ],
    });
    expect(texts).toEqual({ ja: '水の話\n東京台帳', ko: '서울시', hant: '臺灣' });
  });

  test("an edition loads a script's families only for text in that script", () => {
    const families = (found: { css: string }) =>
      new Set([...found.css.matchAll(/font-family: '([^']+)'/g)].map((match) => match[1]));
    const chinese = families(editionFonts('数字经济'));
    expect([...chinese].some((family) => /JP|KR|TC/.test(family ?? ''))).toBe(false);
    expect(chinese.has('Noto Sans SC')).toBe(true);
    const withJapanese = families(editionFonts('数字经济 東京台帳', undefined, { ja: '東京台帳' }));
    expect(withJapanese.has('Noto Serif JP')).toBe(true);
    expect(withJapanese.has('Noto Sans KR')).toBe(false);
  });
});

describe('walk', () => {
  /** A tree of letters: `(a (b c) d (e (f)))`. */
  type Letter = { type: string; children?: Letter[] };
  const tree = (): Letter => ({
    type: 'root',
    children: [
      { type: 'a' },
      { type: 'p', children: [{ type: 'b' }, { type: 'c' }] },
      { type: 'd' },
      { type: 'p', children: [{ type: 'e' }, { type: 'q', children: [{ type: 'f' }] }] },
    ],
  });
  /** What a visitor saw, walked by `walk` and by `unist-util-visit`, given the same mutations. */
  const both = async (
    act: (node: Letter, index: number | undefined, parent: Letter | undefined) => unknown,
    test?: string,
  ) => {
    const { visit } = await import('unist-util-visit');
    return [walk, visit].map((run) => {
      const seen: string[] = [];
      const root = tree();
      const visitor = (node: Letter, index: number | undefined, parent: Letter | undefined) => {
        seen.push(node.type);
        return act(node, index, parent);
      };
      if (test) (run as (...all: unknown[]) => void)(root, test, visitor);
      else (run as (...all: unknown[]) => void)(root, visitor);
      return { seen: seen.join(''), tree: JSON.stringify(root) };
    });
  };

  test('visits in the order unist-util-visit does, under SKIP, EXIT, removal, insertion and replacement', async () => {
    const cases: [string, (node: Letter, index: number | undefined, parent: Letter | undefined) => unknown, string?][] =
      [
        ['all', () => undefined],
        ['one type', () => undefined, 'p'],
        ['skip', (node) => (node.type === 'p' ? SKIP : undefined)],
        ['exit', (node) => (node.type === 'c' ? EXIT : undefined)],
        [
          'remove and go on at the index',
          (node, index, parent) => {
            if (node.type !== 'b' || !parent || index === undefined) return undefined;
            parent.children?.splice(index, 1);
            return index;
          },
        ],
        [
          'insert after and skip past it',
          (node, index, parent) => {
            if (node.type !== 'a' || !parent || index === undefined) return undefined;
            parent.children?.splice(index + 1, 0, { type: 'x', children: [{ type: 'y' }] });
            return index + 2;
          },
        ],
        [
          'replace in place (the old node’s children are walked)',
          (node, index, parent) => {
            if (node.type !== 'p' || !parent || index === undefined) return undefined;
            parent.children![index] = { type: 'z' };
            return undefined;
          },
        ],
        ['a tuple', (node, index) => (node.type === 'p' && index !== undefined ? [SKIP, index + 2] : undefined)],
      ];
    for (const [name, act, type] of cases) {
      const [ours, theirs] = await both(act, type);
      expect({ name, ...ours }).toEqual({ name, ...theirs });
    }
    expect((await both(() => undefined))[0]?.seen).toBe('rootapbcdpeqf');
  });
});

describe('hyphenation', () => {
  test('words are hyphenated as the hyphen package hyphenates the whole text, each word looked up once', async () => {
    const { createRequire } = await import('node:module');
    const require = createRequire(import.meta.url);
    const patterns = require('hyphen/en-us') as { hyphenateSync: (text: string, options: object) => string };
    const library = (text: string) => patterns.hyphenateSync(text, { hyphenChar: '\u00AD', minWordLength: 6 });
    const ours = hyphenatorFor('en');
    // Material written elsewhere: this project's own README and every chapter of the sample, line by line.
    const lines = [
      'README.md',
      ...readdirSync('docs/chapters')
        .filter((name) => name.endsWith('.md'))
        .map((name) => `docs/chapters/${name}`),
      ...readdirSync('chapters')
        .filter((name) => name.endsWith('.md'))
        .map((name) => `chapters/${name}`),
    ].flatMap((path) => readFileSync(path, 'utf8').split('\n'));
    const edges = [
      "Governments' responsibilities, the ministry's well-documented rationale",
      'Café déjà-vu naïveté Œuvre — sustainability–resilience…interoperability',
      'ISO-27001:2022 x86_64 e-mail@example.org https://example.org/long-path/infrastructure',
      'already soft\u00adhyphenated infra\u00adstructure and 3D-printed 10,000-household programmes',
      'comparison <b>unbalanced angle bracket responsibility',
      'a\u2013b establishment\u201Cquoted\u201D internationalisation',
    ];
    for (const text of [...lines, ...edges]) expect(ours?.(text)).toBe(library(text));
  });
});

describe('a file’s time budget', () => {
  test('the clock stops while a library loads: only the time the file runs counts', () => {
    jest.useFakeTimers();
    try {
      let over = 0;
      const clock = new FileClock(1000, () => over++);
      clock.run();
      jest.advanceTimersByTime(600);
      // Vega loading for ten seconds: the file's clock stands still.
      clock.stop();
      jest.advanceTimersByTime(10_000);
      expect(over).toBe(0);
      clock.run();
      jest.advanceTimersByTime(399);
      expect(over).toBe(0);
      jest.advanceTimersByTime(1);
      expect(over).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });

  test('a clock that runs again while running, or stops twice, counts once', () => {
    jest.useFakeTimers();
    try {
      let over = 0;
      const clock = new FileClock(100, () => over++);
      clock.run();
      clock.run();
      jest.advanceTimersByTime(60);
      clock.stop();
      clock.stop();
      clock.run();
      jest.advanceTimersByTime(40);
      expect(over).toBe(1);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('recto openings', () => {
  const at = (pages: Record<string, number>) => new Map(Object.entries(pages).map(([id, page]) => [id, { page }]));
  test('a blank goes before each part that would open on a verso, counting the blanks before it', () => {
    // b opens on 6 (a blank → 7); c on 9, moved to 10 by that blank (another blank → 11); d on 13 → 15.
    expect(rectoBlanks(['a', 'b', 'c', 'd'], at({ a: 3, b: 6, c: 9, d: 13 }) as never, new Set())).toEqual(
      new Set(['b', 'c']),
    );
  });
  test('a print whose parts all open on rectos needs nothing more; a blank no longer needed goes', () => {
    expect(rectoBlanks(['a', 'b'], at({ a: 3, b: 7 }) as never, new Set(['b']))).toBeUndefined();
    expect(rectoBlanks(['a', 'b'], at({ a: 3, b: 8 }) as never, new Set(['b']))).toEqual(new Set());
  });
});

describe('contents that spill', () => {
  const pages = (counts: Record<number, number>) =>
    new Map(Object.entries(counts).map(([page, count]) => [Number(page), count]));
  test('a last page of a few entries, a quarter or less of them, is a spill; a fuller one is not', () => {
    expect(spills(pages({ 3: 38, 4: 7 }), 7)).toBe(4);
    expect(spills(pages({ 3: 38, 4: 20 }), 7)).toBeUndefined();
    expect(spills(pages({ 3: 10, 4: 4 }), 7)).toBeUndefined();
    expect(spills(pages({ 3: 45 }), 7)).toBeUndefined();
  });
  test('links to contents entries in the body (a chapter linking to another) are not the contents', () => {
    expect(spills(pages({ 3: 45, 9: 1 }), 7)).toBeUndefined();
  });
});

describe('search tokens', () => {
  test('CJK meeting Latin letters or digits without a space is split there: a Latin word finds it', () => {
    expect(tokenize('ESG实践 2026年版 Hello')).toEqual(['esg', '实践', '2026', '年版', 'hello']);
    expect(tokenize('数字经济')).toEqual(['数字', '字经', '经济']);
    expect(tokenize('a 中 b2')).toEqual(['中', 'b2']);
  });

  test('the browser script tokenizes a query as the index does', () => {
    // The script's own function, read out of templates/search.js and run here.
    const source = readFileSync(new URL('../templates/search.js', import.meta.url), 'utf8');
    const body = /(function tokenize\(text\) \{[\s\S]*?\n {2}\})/.exec(source)?.[1] ?? '';
    const cjk = /const cjk = ([^;]*);/.exec(source)?.[1] ?? '';
    const browserTokenize = runInNewContext(`const cjk = ${cjk};\n${body}\ntokenize;`) as (text: string) => string[];
    for (const text of [
      'ESG实践 2026年版 Hello',
      '数字经济',
      'a 中 b2',
      '東京グリーン台帳 Green Ledger',
      '한국어 문장',
    ])
      expect(browserTokenize(text)).toEqual(tokenize(text));
  });
});
