/**
 * The EPUB's parts without a browser: XHTML serialisation (well-formed for any page, checked by
 * xmllint), a site page made a content document (formulas, notes, charts' data, links, ids), and
 * the printed pages found in the EPUB's text.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import type { Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import katex from 'katex';
import { strFromU8, unzipSync } from 'fflate';
import { build } from '../pipeline/index.js';
import { fixtures, sharedBrowser } from './helpers.js';
import { epubContent, xmlId } from '../pipeline/render/epub/content.js';
import { placePageBreaks } from '../pipeline/render/epub/page-list.js';
import { toXhtml } from '../pipeline/render/epub/xhtml.js';
import { decodeWoff, epubFont, isOpenType, subsetFont } from '../pipeline/render/epub/fonts.js';
import { createRequire } from 'node:module';

const temp = mkdtempSync(join(tmpdir(), 'whitepaper-epub-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const fragment = (html: string): Root => fromHtml(html, { fragment: true });

/** What xmllint says of each document: `''` when it is well-formed XML. */
function xmllint(documents: readonly string[]): string[] {
  return documents.map((text, index) => {
    const path = join(temp, `${index}.xhtml`);
    writeFileSync(path, text);
    return spawnSync('xmllint', ['--noout', path], { encoding: 'utf8' }).stderr;
  });
}

describe('XHTML', () => {
  test('closes every element, gives every attribute a value, declares each namespace where it starts', () => {
    const tree = fromHtml(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A &amp; B</title></head>' +
        '<body epub:type="bodymatter"><p hidden>x<br>y &lt; z</p><img src="a.png" alt="A &quot;b&quot;">' +
        '<svg viewBox="0 0 1 1"><use xlink:href="#x"></use><text>t</text></svg>' +
        '<math><mi>x</mi></math><p title="a\u0001b"></p></body></html>',
    );
    expect(toXhtml(tree)).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE html>\n' +
        '<html xmlns="http://www.w3.org/1999/xhtml" xmlns:epub="http://www.idpf.org/2007/ops" lang="en" xml:lang="en">' +
        '<head><meta charset="utf-8"/><title>A &amp; B</title></head>' +
        '<body epub:type="bodymatter"><p hidden="hidden">x<br/>y &lt; z</p><img src="a.png" alt="A &quot;b&quot;"/>' +
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1 1">' +
        '<use xlink:href="#x"/><text>t</text></svg>' +
        '<math xmlns="http://www.w3.org/1998/Math/MathML"><mi>x</mi></math><p title="ab"></p></body></html>\n',
    );
  });

  test('any page, however broken its HTML, is well-formed XML once written', () => {
    const token = fc.oneof(
      fc.constantFrom(
        '<p>',
        '</p>',
        '<br>',
        '<svg viewBox="0 0 2 2"><circle r="1"></circle>',
        '</svg>',
        '<math><mi>',
        '</math>',
        '<a href="x.html#y" hidden>',
        '</a>',
        '<table><tr><td>',
        '<img src=a.png alt=" & ">',
        '<!-- c -->',
        '&amp;',
        '&',
        '<',
        ']]>',
        '\u0000',
        '\u000b',
        '<p id="1 2" aria-describedby="1 2">',
        '<template><p></template>',
        '<x:y z:w="1">',
      ),
      fc.string({ maxLength: 8 }),
    );
    const pages = fc.sample(fc.array(token, { maxLength: 30 }), { numRuns: Number(process.env['FC_RUNS'] ?? 150) });
    const documents = pages.map((tokens) => {
      const tree = fromHtml(
        `<!doctype html><html lang="en"><head><title>t</title></head><body>${tokens.join('')}</body></html>`,
      );
      epubContent(tree, () => null);
      return toXhtml(tree);
    });
    expect(xmllint(documents).filter((message) => message !== '')).toEqual([]);
  });
});

describe('content documents', () => {
  test('a formula is its MathML, shown as a block where KaTeX showed one, its TeX as alternative text', () => {
    const tree = fragment(
      `<p>Inline ${katex.renderToString('x^2', { output: 'htmlAndMathml' })}</p>` +
        `<div class="equation">${katex.renderToString('E = mc^2', { displayMode: true, output: 'htmlAndMathml' })}</div>`,
    );
    expect(epubContent(tree, () => null)).toEqual({ mathml: true, svg: false });
    const xhtml = toXhtml(tree);
    expect(xhtml).not.toContain('katex');
    expect(xhtml.match(/<math [^>]*>/g)).toEqual([
      '<math xmlns="http://www.w3.org/1998/Math/MathML" alttext="x^2">',
      '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block" alttext="E = mc^2">',
    ]);
  });

  test('notes become numbered EPUB footnotes, their references noterefs', () => {
    const tree = fragment(
      '<p>Text<sup><a href="#c--fn-a" id="c--fnref-a" data-footnote-ref aria-describedby="c--footnote-label">1</a></sup></p>' +
        '<section data-footnotes class="footnotes"><h2 class="sr-only" id="c--footnote-label">Notes</h2><ol>' +
        '<li id="c--fn-a"><p>First. <a href="#c--fnref-a" data-footnote-backref="" class="data-footnote-backref">↩</a></p></li>' +
        '<li id="c--fn-b"><ul><li>Listed</li></ul></li></ol></section>',
    );
    epubContent(tree, () => null);
    expect(toXhtml(tree)).toBe(
      '<p>Text<sup><a href="#c--fn-a" id="c--fnref-a" data-footnote-ref="" aria-describedby="c--footnote-label" epub:type="noteref" role="doc-noteref">1</a></sup></p>' +
        '<section data-footnotes="" class="footnotes"><h2 class="sr-only" id="c--footnote-label">Notes</h2>' +
        '<aside id="c--fn-a" epub:type="footnote" role="doc-footnote"><p><span class="note-number">1. </span>First. <a href="#c--fnref-a" data-footnote-backref="" class="data-footnote-backref" role="doc-backlink">↩</a></p></aside>' +
        '<aside id="c--fn-b" epub:type="footnote" role="doc-footnote"><p><span class="note-number">2. </span></p><ul><li>Listed</li></ul></aside></section>',
    );
  });

  test("a chart's data is shown under it; links go to the book's documents or are taken out; ids are XML names", () => {
    const tree = fragment(
      '<figure id="2030-goals"><svg><title>t</title></svg><figcaption>F<details class="chart-data"><summary>Data</summary><table></table></details></figcaption></figure>' +
        '<p><a href="../chapters/b.html#x:1">B</a> <a href="../changes.html">changes</a> <a href="https://example.org/a.html">web</a> ' +
        '<a href="#2030-goals">self</a> <img src="../assets/a.png" alt="a" loading="lazy"></p>',
    );
    const facts = epubContent(tree, (href) => (href.includes('changes') ? null : href.replace('.html', '.xhtml')));
    expect(facts).toEqual({ mathml: false, svg: true });
    expect(toXhtml(tree)).toBe(
      '<figure id="_2030-goals"><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><title>t</title></svg>' +
        '<figcaption>F<div class="chart-data"><p class="chart-data-label">Data</p><table></table></div></figcaption></figure>' +
        '<p><a href="../chapters/b.xhtml#x:1">B</a> changes <a href="https://example.org/a.html">web</a> ' +
        '<a href="#_2030-goals">self</a> <img src="../assets/a.png" alt="a"/></p>',
    );
    expect([xmlId('公司'), xmlId('a:b'), xmlId('9'), xmlId('_x')]).toEqual(['公司', '_a_b', '_9', '_x']);
  });
});

describe('page list', () => {
  const documents = () => [
    {
      path: 'a.xhtml',
      tree: fragment('<h1>Chapter One</h1><p>The first paragraph of the chapter runs on and on.</p>'),
    },
    {
      path: 'b.xhtml',
      tree: fragment(
        '<h1>Chapter Two</h1><p>Alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi omicron pi rho sigma tau.</p>' +
          '<figure><img src="x.png" alt="x"><figcaption>Figure 2.1: A drawing of the river basin and its twelve gauges</figcaption></figure>',
      ),
    },
  ];

  test('each printed page is marked where its first words stand, hyphens and running heads aside', () => {
    const docs = documents();
    const list = placePageBreaks(docs, [
      { label: 'i', text: 'Contents' },
      { label: '1', text: 'CHAPTER ONE The first para- graph of the chapter runs' },
      { label: '2', text: 'Chapter Two Alpha beta gamma delta epsilon zeta eta theta iota' },
      // Two pages in one text node: each break keeps the other's place.
      { label: '3', text: 'kappa lambda mu nu xi omicron pi rho sigma tau. ' },
      // A page that opens with an image's words (none in the EPUB) is found by its next words.
      {
        label: '4',
        text: 'GAUGE 1 GAUGE 2 GAUGE 3 RIVER KM 0 20 40 60 80 100 120 140 160 180 Figure 2.1: A drawing of the river basin and its twelve gauges',
      },
    ]);
    expect(list).toEqual([
      { label: '1', href: 'a.xhtml#page-1' },
      { label: '2', href: 'b.xhtml#page-2' },
      { label: '3', href: 'b.xhtml#page-3' },
      { label: '4', href: 'b.xhtml#page-4' },
    ]);
    const [a, b] = docs.map((doc) => toXhtml(doc.tree));
    const mark = (label: string) =>
      `<span id="page-${label}" role="doc-pagebreak" epub:type="pagebreak" aria-label="${label}"></span>`;
    expect(a).toBe(`<h1>${mark('1')}Chapter One</h1><p>The first paragraph of the chapter runs on and on.</p>`);
    expect(b).toContain(
      `<h1>${mark('2')}Chapter Two</h1><p>Alpha beta gamma delta epsilon zeta eta theta iota ${mark('3')}kappa`,
    );
    expect(b).toContain(`<figcaption>${mark('4')}Figure 2.1: A drawing`);
  });

  test("a page that opens with a list's number or a chart's words starts at its first words the EPUB has, never inside a drawing", () => {
    const docs = [
      {
        path: 'c.xhtml',
        tree: fragment(
          '<ol><li>Publish the rules of every registry and its datasets</li><li>Adopt provenance and labelling standards for synthetic media and plan responses</li></ol>' +
            '<figure><svg><title>Chart</title><text>Singapore</text><text>Japan</text><text>India</text></svg><figcaption>Figure 1.1: Households with broadband</figcaption></figure>',
        ),
      },
    ];
    const list = placePageBreaks(docs, [
      { label: '8', text: '5. Adopt provenance and labelling standards for synthetic media, and plan' },
      { label: '9', text: '0 20 40 60 80 100 Singapore Japan India Figure 1.1: Households with broadband' },
    ]);
    expect(list.map((entry) => entry.label)).toEqual(['8', '9']);
    const xhtml = toXhtml(docs[0]!.tree);
    expect(xhtml).toContain(
      'datasets</li><li><span id="page-8" role="doc-pagebreak" epub:type="pagebreak" aria-label="8"></span>Adopt',
    );
    expect(xhtml).toContain(
      '<figure><span id="page-9" role="doc-pagebreak" epub:type="pagebreak" aria-label="9"></span><svg',
    );
  });

  test('pages stay in order: a page whose words stand only before the last one found is left out', () => {
    const list = placePageBreaks(documents(), [
      { label: '1', text: 'Alpha beta gamma delta epsilon zeta eta theta iota kappa' },
      { label: '2', text: 'The first paragraph of the chapter runs on and on' },
    ]);
    expect(list.map((entry) => entry.label)).toEqual(['1']);
  });
});

describe('fonts', () => {
  const require = createRequire(import.meta.url);
  const face = require.resolve('@fontsource/source-serif-4/files/source-serif-4-latin-400-normal.woff2');

  test('a face is cut to the glyphs of the EPUB’s text: an sfnt of the same outlines, smaller the fewer characters it has', async () => {
    const font = decodeWoff(new Uint8Array(readFileSync(face.replace(/\.woff2$/, '.woff'))));
    if (!font) throw new Error('not WOFF');
    // An sfnt: TrueType or CFF outlines, and its tables.
    expect([0x00010000, 0x4f54544f]).toContain(new DataView(font.buffer).getUint32(0));
    expect(new DataView(font.buffer).getUint16(4)).toBeGreaterThan(5);
    const codes = (text: string) => [...text].map((character) => character.codePointAt(0) ?? 0);
    const few = await subsetFont(font, codes('Ab'));
    const more = await subsetFont(font, codes('Abcdefghijklmnopqrstuvwxyz'));
    expect(few && more && few.byteLength < more.byteLength && more.byteLength < font.byteLength / 2).toBe(true);
    expect(few && isOpenType(few)).toBe(isOpenType(font));
    const held = await epubFont(face, new Set(codes('Ab')));
    expect(held?.extension).toBe(isOpenType(font) ? '.otf' : '.ttf');
    expect(held?.bytes).toEqual(few);
  });

  test('a file that is not WOFF, or a face without its WOFF twin, is left whole', async () => {
    expect(decodeWoff(new Uint8Array(readFileSync(face)))).toBeUndefined();
    const lone = join(temp, 'lone.woff2');
    writeFileSync(lone, readFileSync(face));
    expect(await epubFont(lone, new Set([65]))).toBeUndefined();
  });
});

describe('images', () => {
  const browserless = process.env['WHITEPAPER_TEST_BROWSER'] === 'none';

  (browserless ? test.skip : test)(
    'a WebP image is held as PNG (EPUB 3.2 readers know no WebP): drawn by Chromium, linked, declared, valid for EPUBCheck',
    async () => {
      const root = join(temp, 'webp');
      cpSync(join(fixtures, 'check', 'valid'), root, { recursive: true });
      mkdirSync(join(root, 'images'), { recursive: true });
      // A lossless WebP of 1×1 pixel.
      writeFileSync(
        join(root, 'images', 'pixel.webp'),
        Buffer.from('UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==', 'base64'),
      );
      appendFileSync(join(root, 'chapters', '01-one.md'), '\n![A pixel](../images/pixel.webp)\n');
      const out = join(root, 'output');
      const result = await build({ ...sharedBrowser, root, out, htmlOnly: true, epub: true, cacheDir: false });
      const epub = result.outputs?.editions[0]?.epub ?? '';
      const entries = unzipSync(readFileSync(epub));
      const png = entries['EPUB/assets/images/pixel.png'];
      expect(png && Buffer.from(png).subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(Object.keys(entries).filter((name) => name.endsWith('.webp'))).toEqual([]);
      expect(strFromU8(entries['EPUB/chapters/one.xhtml'] ?? new Uint8Array())).toContain(
        '<img alt="A pixel" src="../assets/images/pixel.png"/>',
      );
      expect(strFromU8(entries['EPUB/package.opf'] ?? new Uint8Array())).toMatch(
        /href="assets\/images\/pixel\.png" media-type="image\/png"/,
      );
      const check = spawnSync('java', ['-jar', '/usr/share/java/epubcheck.jar', epub], { encoding: 'utf8' });
      expect(`${check.stdout}${check.stderr}`).toContain('Messages: 0 fatals / 0 errors / 0 warnings');
    },
    120_000,
  );
});
