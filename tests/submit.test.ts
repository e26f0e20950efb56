/**
 * The submission kit: a submitted `.zip` read as untrusted input (every hostile shape refused by
 * name, nothing written), `whitepaper import` (new cases only, the full check, a broken case
 * taken out again), and the form in a browser (its fields from the schema, `check`'s rule ids
 * and words as the submitter types, saved, imported and built like a case written by hand).
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import { crc32, createDeflateRaw } from 'node:zlib';
import { afterAll, describe, expect, test } from '@jest/globals';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { VFile } from 'vfile';
import { build, check } from '../pipeline/index.js';
import { importSubmissions } from '../pipeline/importing.js';
import { formFields } from '../pipeline/render/site/submit.js';
import { caseSchema } from '../pipeline/model/schema.js';
import { formatReport } from '../pipeline/report.js';
import { slugFromTitle } from '../pipeline/submit/layout.js';
import { unpackSubmission } from '../pipeline/submit/unpack.js';
import type { ElementHandle } from 'puppeteer';
import { sharedBrowser, testBrowser } from './helpers.js';

const require = createRequire(import.meta.url);
const temp = mkdtempSync(join(tmpdir(), 'whitepaper-submit-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));
const repository = new URL('..', import.meta.url).pathname;
const browserless = process.env['WHITEPAPER_TEST_BROWSER'] === 'none';

/** A case as a submitter writes it. */
const caseText = (title = 'River Sensors on the Red River', body = 'Villages flood within hours.') =>
  [
    '---',
    `title: ${title}`,
    'organization: Delta Lab',
    'country: VN',
    'sdgs: [6, 13]',
    'committee: esg',
    'summary: Water-level sensors and SMS alerts give villages hours more warning before a flood.',
    'contact:',
    '  name: Nguyen Lan',
    '  email: lan@example.org',
    '---',
    '',
    '## Background',
    '',
    body,
    '',
    '## Solution',
    '',
    'Sensors on bridges send readings every ten minutes.',
    '',
    '## Impact',
    '',
    'Alerts reached 46,000 residents.',
    '',
  ].join('\n');

/** A 1 × 1 PNG. */
const png = Uint8Array.from(
  Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  ),
);

/** An entry of a hand-made zip: every header field a hostile archive may set. */
interface RawEntry {
  name: string;
  data: Uint8Array;
  method?: 0 | 8;
  /** The size the headers declare (default the data's, when stored). */
  size?: number;
  crc?: number;
  /** Unix mode, in the external attributes (made by Unix). */
  mode?: number;
  flags?: number;
}

/** A zip written field by field, so a test can lie in it as an attacker would. */
function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const parts: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const size = entry.size ?? entry.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE((entry.flags ?? 0) | 0x800, 6);
    local.writeUInt16LE(entry.method ?? 0, 8);
    const crc = entry.crc ?? crc32(entry.data);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(entry.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const head = Buffer.alloc(46);
    head.writeUInt32LE(0x02014b50, 0);
    head.writeUInt16LE((3 << 8) | 20, 4);
    head.writeUInt16LE(20, 6);
    head.writeUInt16LE((entry.flags ?? 0) | 0x800, 8);
    head.writeUInt16LE(entry.method ?? 0, 10);
    head.writeUInt32LE(crc, 16);
    head.writeUInt32LE(entry.data.length, 20);
    head.writeUInt32LE(size, 24);
    head.writeUInt16LE(name.length, 28);
    head.writeUInt32LE(((entry.mode ?? 0o100644) << 16) >>> 0, 38);
    head.writeUInt32LE(offset, 42);
    parts.push(local, name, Buffer.from(entry.data));
    central.push(head, name);
    offset += local.length + name.length + entry.data.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...parts, directory, end]));
}

/** Unpack a submitted file; its messages, compact. */
function unpack(name: string, bytes: Uint8Array) {
  const file = new VFile({ path: name, value: bytes });
  const submission = unpackSubmission(file);
  return { submission, report: formatReport([file], { format: 'compact' }) };
}

const entryRule = (entry: string, why: string) =>
  `sub.zip:1:1: error Unexpected \`${entry}\` in the archive: ${why}, expected only \`cases/<slug>.md\` and its images in \`cases/images/<slug>/\` [submission-entry]\n`;

describe('a submitted zip, as untrusted input', () => {
  const good = { name: 'cases/river-sensors.md', data: strToU8(caseText()) };

  test('the form’s own zip: the case and its images, macOS clutter skipped', () => {
    const { submission, report } = unpack(
      'sub.zip',
      zipSync({
        'cases/river-sensors.md': strToU8(caseText()),
        'cases/images/river-sensors/map.png': png,
        '__MACOSX/cases/._river-sensors.md': strToU8('x'),
      }),
    );
    expect(report).toBe('');
    expect(submission?.slug).toBe('river-sensors');
    expect([...(submission?.images.keys() ?? [])]).toEqual(['map.png']);
  });

  test.each([
    ['a path that leaves its folder', '../../etc/cron.d/evil', 'a path that leaves its folder'],
    ['a path climbing out of cases/', 'cases/images/river-sensors/../../../x.png', 'a path that leaves its folder'],
    ['an absolute path', '/etc/passwd', 'an absolute path'],
    ['a Windows drive', 'C:/Windows/x.png', 'an absolute path'],
    ['a backslash path', 'cases\\..\\x.md', 'an absolute path'],
    ['an HTML file', 'cases/index.html', 'an HTML file'],
    ['a file elsewhere', 'chapters/01-x.md', 'a file outside the case and its images'],
    ['an image of another case', 'cases/images/other/x.png', 'a file outside the case and its images'],
    ['a second case', 'cases/another.md', 'a second case (the first is `cases/river-sensors.md`)'],
  ])('%s is refused by name, and nothing is returned', (_, name, why) => {
    const { submission, report } = unpack('sub.zip', rawZip([good, { name, data: png }]));
    expect(report).toBe(entryRule(name, why));
    expect(submission).toBeUndefined();
  });

  test('a symbolic link is refused, even named as an image', () => {
    const link = { name: 'cases/images/river-sensors/map.png', data: strToU8('/etc/passwd'), mode: 0o120777 };
    expect(unpack('sub.zip', rawZip([good, link])).report).toBe(
      entryRule('cases/images/river-sensors/map.png', 'a symbolic link'),
    );
  });

  test('a zip bomb (1 GiB of zeros declared as 1 KB) stops at the limit, without unpacking it', async () => {
    // Deflated in steps of 16 MiB: the test never holds the gigabyte either.
    const deflate = createDeflateRaw({ level: 1 });
    const chunks: Buffer[] = [];
    deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
    const zeros = Buffer.alloc(1 << 24);
    for (let step = 0; step < 64; step++) deflate.write(zeros);
    await new Promise((done) => deflate.end(done));
    const data = new Uint8Array(Buffer.concat(chunks));
    const bomb = { name: 'cases/images/river-sensors/map.png', data, method: 8 as const, size: 1000 };
    const before = process.memoryUsage().arrayBuffers;
    const { submission, report } = unpack('sub.zip', rawZip([good, bomb]));
    expect(report).toBe(
      'sub.zip:1:1: error Unexpected `cases/images/river-sensors/map.png` larger than 10485760 bytes unpacked, expected a smaller file [submission-size]\n',
    );
    expect(submission).toBeUndefined();
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(256 * 1024 * 1024);
  });

  test('a damaged, encrypted or crowded zip, and a file of another kind, each say what they are', () => {
    const whole = zipSync({ 'cases/river-sensors.md': strToU8(caseText()) });
    expect(unpack('sub.zip', whole.subarray(0, whole.length - 30)).report).toContain('[submission-format]');
    expect(unpack('sub.zip', rawZip([{ ...good, crc: 1 }])).report).toBe(
      'sub.zip:1:1: error Unexpected damaged entry `cases/river-sensors.md`, expected a whole `.zip` [submission-format]\n',
    );
    expect(unpack('sub.zip', rawZip([{ ...good, flags: 1 }])).report).toBe(
      'sub.zip:1:1: error Unexpected encrypted `cases/river-sensors.md`, expected a plain file [submission-format]\n',
    );
    const many = Array.from({ length: 60 }, (_, index) => ({
      name: `cases/images/river-sensors/${index}.png`,
      data: png,
    }));
    expect(unpack('sub.zip', rawZip([good, ...many])).report).toBe(
      'sub.zip:1:1: error Unexpected 61 files in the archive, expected at most 52 [submission-size]\n',
    );
    expect(unpack('case.pdf', png).report).toBe(
      'case.pdf:1:1: error Unexpected file `case.pdf`, expected a submission: a `.zip` or a `.md` [submission-format]\n',
    );
    expect(unpack('sub.zip', strToU8('PK not really')).report).toBe(
      'sub.zip:1:1: error Unexpected file, expected a `.zip` archive [submission-format]\n',
    );
  });

  test('any bytes, any entry names: reading never throws, every message is a located submission rule, and only the case and its images come out', () => {
    const names = fc.oneof(
      fc.constantFrom('cases/river-sensors.md', 'cases/images/river-sensors/a.png', '../x', '/x', 'cases/', 'a/b/c'),
      fc.string({ maxLength: 40 }),
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            name: names,
            data: fc.uint8Array({ maxLength: 64 }),
            mode: fc.constantFrom(0o100644, 0o120777, 0o40755),
          }),
          {
            maxLength: 8,
          },
        ),
        fc.nat(4096),
        (entries, cut) => {
          const bytes = rawZip(entries);
          for (const input of [bytes, bytes.subarray(0, Math.min(cut, bytes.length))]) {
            const file = new VFile({ path: 'sub.zip', value: input });
            const submission = unpackSubmission(file);
            for (const message of file.messages) {
              expect(message.ruleId).toMatch(/^submission-/);
              expect([message.line, message.column]).toEqual([1, 1]);
            }
            if (submission)
              for (const name of submission.images.keys()) expect(name).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9_.-]*$/);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('whitepaper import', () => {
  const root = join(temp, 'book');
  cpSync(join(repository, 'tests', 'fixtures', 'check', 'valid'), root, { recursive: true });

  test('a new case is written with its images; a second import of it is refused without --replace; with it, replaced', async () => {
    const zip = join(temp, 'river.zip');
    const text = caseText().replace(
      'Villages flood within hours.',
      'Villages flood.\n\n![A sensor on a bridge](images/river-sensors/sensor.png)',
    );
    writeFileSync(
      zip,
      zipSync({ 'cases/river-sensors.md': strToU8(text), 'cases/images/river-sensors/sensor.png': png }),
    );
    const [first] = await importSubmissions({ root, files: [zip] });
    expect(first?.written).toEqual(['cases/river-sensors.md', 'cases/images/river-sensors/sensor.png']);
    expect(readFileSync(join(root, 'cases', 'river-sensors.md'), 'utf8')).toBe(text);
    const [again] = await importSubmissions({ root, files: [zip] });
    expect(again?.written).toEqual([]);
    expect(formatReport(again?.files ?? [], { format: 'compact' })).toContain(
      'error Unexpected case `cases/river-sensors.md`, which the book has already, expected a new slug or `--replace` [submission-exists]',
    );
    const [replaced] = await importSubmissions({ root, files: [zip], replace: true });
    expect(replaced?.replaced).toBe(true);
    // Warnings only (a 1-pixel image prints at 96 dpi).
    expect(
      formatReport(
        (await check({ root })).files.filter((file) => file.path.includes('river')),
        { format: 'compact' },
      ),
    ).not.toContain('error');
  });

  test('many files at once, each reported: one refused by the form’s checks, one by the full check (taken out again), one imported', async () => {
    const wrong = join(temp, 'wrong-sdg.md');
    writeFileSync(wrong, caseText('Wrong Goal Number Here').replace('sdgs: [6, 13]', 'sdgs: [18]'));
    // A formula KaTeX cannot read: only the full check typesets it.
    // …with an image, which goes out again with it.
    const formula = join(temp, 'bad-formula.zip');
    writeFileSync(
      formula,
      zipSync({
        'cases/bad-formula.md': strToU8(
          caseText(
            'A Formula Gone Wrong',
            'The flow is $\\frac{1}{$ per hour.\n\n![A gauge](images/bad-formula/gauge.png)',
          ),
        ),
        'cases/images/bad-formula/gauge.png': png,
      }),
    );
    const fine = join(temp, 'solar-kiosks.md');
    writeFileSync(fine, caseText('Solar Kiosks for Island Clinics'));
    const results = await importSubmissions({ root, files: [wrong, formula, fine] });
    expect(results.map((result) => result.written)).toEqual([[], [], ['cases/solar-kiosks.md']]);
    expect(formatReport(results[0]?.files ?? [], { format: 'compact' })).toBe(
      'cases/wrong-sdg.md:5:8: error Unexpected `18` for `sdgs[0]`, expected an SDG number from 1 to 17 [case-sdgs]\n',
    );
    expect(formatReport(results[1]?.files ?? [], { format: 'compact' })).toMatch(
      /^cases\/bad-formula\.md:15:\d+: error .*\[math-/,
    );
    expect(existsSync(join(root, 'cases', 'bad-formula.md'))).toBe(false);
    expect(existsSync(join(root, 'cases', 'images', 'bad-formula'))).toBe(false);
    expect(existsSync(join(root, 'cases', 'solar-kiosks.md'))).toBe(true);
  });
});

describe('the form’s fields', () => {
  test('come from the case schema: every key but the language and translations, with its bounds', () => {
    const fields = formFields({});
    const keys = Object.keys(caseSchema().shape).filter((key) => key !== 'language' && key !== 'translations');
    expect(fields.map((field) => field.key.split('.')[0])).toEqual(
      keys.flatMap((key) => (key === 'contact' ? ['contact', 'contact'] : [key])),
    );
    expect(fields.find((field) => field.key === 'summary')).toEqual({
      key: 'summary',
      kind: 'textarea',
      required: true,
      min: 20,
      max: 600,
    });
    expect(fields.find((field) => field.key === 'sdgs')).toMatchObject({ kind: 'sdgs', min: 1, max: 5 });
    expect(fields.find((field) => field.key === 'contact.email')).toMatchObject({ kind: 'email', required: true });
    expect(fields.find((field) => field.key === 'website')).toMatchObject({ kind: 'url', required: false });
  });
});

describe('the slug a title gives', () => {
  test('lowercase words of Latin letters and digits, accents dropped, whole words up to 60 characters; none from a Chinese title', () => {
    expect(slugFromTitle('Über die Brücke: Flood Warning 2026!')).toBe('uber-die-brucke-flood-warning-2026');
    expect(slugFromTitle('红河水位传感器')).toBe('');
    const long = slugFromTitle('Community Flood Early Warning Sensors on the Mekong Delta for Villages');
    expect(long).toBe('community-flood-early-warning-sensors-on-the-mekong-delta');
    expect(long.length).toBeLessThanOrEqual(60);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (title) => {
        const slug = slugFromTitle(title);
        expect(slug === '' || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)).toBe(true);
        expect(slug.length).toBeLessThanOrEqual(60);
      }),
    );
  });
});

describe('where the form is linked', () => {
  test('by default from the editors’ dashboard only; with `submissionForm: public` also from the compendium, the form in the site', async () => {
    const root = join(temp, 'public');
    cpSync(join(repository, 'tests', 'fixtures', 'check', 'valid'), root, { recursive: true });
    const out = join(temp, 'public-out');
    await build({ root, out, htmlOnly: true, cacheDir: false });
    expect(readFileSync(join(out, 'editors', 'index.html'), 'utf8')).toContain(
      'Submission form: <a href="../submit/en/index.html" hreflang="en">en</a>',
    );
    expect(readFileSync(join(out, 'site', 'cases', 'index.html'), 'utf8')).not.toContain('submit.html');
    expect(existsSync(join(out, 'site', 'submit.html'))).toBe(false);
    writeFileSync(
      join(root, 'whitepaper.yaml'),
      `${readFileSync(join(root, 'whitepaper.yaml'), 'utf8')}submissionForm: public\n`,
    );
    await build({ root, out, htmlOnly: true, cacheDir: false });
    expect(readFileSync(join(out, 'site', 'cases', 'index.html'), 'utf8')).toContain(
      '<p class="submit-case"><a href="../submit.html">Submit a case study</a></p>',
    );
    expect(readFileSync(join(out, 'site', 'submit.html'), 'utf8')).toBe(
      readFileSync(join(out, 'submit', 'en', 'index.html'), 'utf8'),
    );
  });
});

const browserTest = browserless ? test.skip : test;

describe('the form in a browser', () => {
  const root = join(temp, 'sample');
  const out = join(temp, 'sample-out');
  mkdirSync(root, { recursive: true });
  for (const name of ['whitepaper.yaml', 'chapters', 'cases', 'images', 'references.bib'])
    cpSync(join(repository, name), join(root, name), { recursive: true });

  browserTest(
    'in English and Chinese: each typical mistake gets check’s rule and words; saved, imported and built, the case is the one written by hand; axe finds nothing',
    async () => {
      await build({ ...sharedBrowser, root, out, htmlOnly: true, cacheDir: false });
      expect(readFileSync(join(out, 'editors', 'index.html'), 'utf8')).toContain(
        '<a href="../submit/zh/index.html" hreflang="zh">zh</a>',
      );
      const axe = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
      const { browser, release } = await testBrowser();
      const downloads = join(temp, 'downloads');
      mkdirSync(downloads, { recursive: true });
      try {
        const page = await browser.newPage();
        const requests: string[] = [];
        page.on('request', (request) => {
          if (!/^(file|blob|data):/.test(request.url())) requests.push(request.url());
        });
        await page.setBypassCSP(true);
        const open = async (language: string) => {
          await page.goto(pathToFileURL(join(out, 'submit', language, 'index.html')).href);
          await page.evaluate(() => localStorage.clear());
          await page.reload();
          await page.waitForSelector('body[data-ready]');
        };
        const settle = () => new Promise((done) => setTimeout(done, 400));
        const fill = async (selector: string, text: string) => {
          await page.$eval(selector, (element) => {
            (element as HTMLInputElement).value = '';
          });
          await page.type(selector, text);
          await settle();
        };
        /** Fill in a whole case as a submitter would; an empty section is left alone. */
        const fillCase = async (values: {
          title: string;
          slug?: string;
          organization: string;
          country: string;
          sdg: string;
          summary: string;
          name: string;
          sections: string[];
        }) => {
          await fill('#field-title', values.title);
          if (values.slug === undefined)
            expect(await page.$eval('#field-slug', (element) => (element as HTMLInputElement).value)).not.toBe('');
          else {
            expect(await page.$eval('#field-slug', (element) => (element as HTMLInputElement).value)).toBe('');
            await fill('#field-slug', values.slug);
          }
          await fill('#field-organization', values.organization);
          await fill('#field-country', values.country);
          await page.click(`input[name="sdgs"][value="${values.sdg}"]`);
          await page.select('#field-committee', 'esg');
          await fill('#field-summary', values.summary);
          await fill('#field-contact-name', values.name);
          await fill('#field-contact-email', 'lan@example.org');
          for (const [index, text] of values.sections.entries())
            if (text !== '') await fill(`#field-section-${index}`, text);
        };
        /** The form's problems, and check's for the file the form shows. */
        const compare = async () => {
          await settle();
          const shown = await page.$$eval('#problem-list li', (items) =>
            items.map((item) => `${item.textContent ?? ''}`).sort(),
          );
          const markdown = await page.$eval('#markdown', (element) => element.textContent ?? '');
          const slug = await page.$eval('#field-slug', (element) => (element as HTMLInputElement).value);
          // The sample's settings and cases, one short chapter: the case's messages are the same, the check quicker.
          const book = join(temp, `compare-${slug}`);
          rmSync(book, { recursive: true, force: true });
          for (const name of ['whitepaper.yaml', 'cases', 'images', 'references.bib'])
            cpSync(join(root, name), join(book, name), { recursive: true });
          mkdirSync(join(book, 'chapters', 'en'), { recursive: true });
          writeFileSync(join(book, 'chapters', 'en', '01-one.md'), '---\ntitle: One\n---\n\nBody.\n');
          writeFileSync(join(book, 'cases', `${slug}.md`), markdown);
          // The images the form holds, where the file refers to them.
          for (const name of await page.$$eval('[data-image]', (rows) =>
            rows.map((row) => row.getAttribute('data-image')),
          )) {
            mkdirSync(join(book, 'cases', 'images', slug), { recursive: true });
            writeFileSync(join(book, 'cases', 'images', slug, name ?? ''), png);
          }
          const checked = await check({ root: book });
          const expected = checked.files
            .filter((file) => file.path === `cases/${slug}.md`)
            .flatMap((file) => file.messages.map((message) => `${message.reason} [${message.ruleId ?? ''}]`))
            .sort();
          return { shown, expected };
        };

        // English: a valid case first.
        await open('en');
        await fillCase({
          title: 'River Sensors on the Red River',
          organization: 'Delta Lab',
          country: 'Viet Nam',
          sdg: '6',
          summary: 'Water-level sensors and SMS alerts give villages hours more warning before a flood.',
          name: 'Nguyen Lan',
          sections: [
            'Villages flood within hours.',
            'Sensors on bridges send readings every ten minutes.',
            'Alerts reached 46,000 residents.',
          ],
        });
        expect(await page.$eval('#field-slug', (element) => (element as HTMLInputElement).value)).toBe(
          'river-sensors-on-the-red-river',
        );
        expect(await compare()).toEqual({ shown: [], expected: [] });

        // Each typical mistake: the form shows what check says of the same file.
        const mistakes: [string, () => Promise<void>, () => Promise<void>, string][] = [
          [
            'missing section',
            () => fill('#field-section-1', ' '),
            () => fill('#field-section-1', 'Sensors on bridges.'),
            'case-section-missing',
          ],
          [
            'SDG 18',
            () =>
              page.$eval('input[name="sdgs"][value="17"]', (box) => {
                box.value = '18';
                box.click();
              }),
            () =>
              page.$eval('input[name="sdgs"][value="18"]', (box) => {
                box.click();
                box.value = '17';
              }),
            'case-sdgs',
          ],
          [
            'country as an unknown name',
            () => fill('#field-country', 'Indochina'),
            () => fill('#field-country', 'Viet Nam'),
            'case-country',
          ],
          [
            'bad e-mail',
            () => fill('#field-contact-email', 'lan at example'),
            () => fill('#field-contact-email', 'lan@example.org'),
            'case-contact',
          ],
          [
            'over-long summary',
            () => fill('#field-summary', 'Sensors and alerts. '.repeat(31)),
            () => fill('#field-summary', 'Water-level sensors and SMS alerts give villages hours more warning.'),
            'case-summary',
          ],
        ];
        for (const [what, make, undo, rule] of mistakes) {
          await make();
          const { shown, expected } = await compare();
          expect({ what, shown }).toEqual({ what, shown: expected });
          expect(shown.join('\n')).toContain(`[${rule}]`);
          await undo();
        }

        // An image without alt text: check's error at the image's description.
        const chooser = (await page.$('#field-images')) as ElementHandle<HTMLInputElement> | null;
        const imagePath = join(temp, 'sensor.png');
        writeFileSync(imagePath, png);
        await chooser?.uploadFile(imagePath);
        await page.waitForSelector('[data-image="sensor.png"]');
        await settle();
        const withImage = await compare();
        expect(withImage.shown).toEqual(withImage.expected.filter((line) => !line.includes('[image-resolution]')));
        expect(withImage.shown.join('\n')).toContain(
          'Missing alt text, expected a description of the image in `![…](…)` [image-alt]',
        );
        expect(await page.$eval('#save', (button) => button.getAttribute('aria-disabled'))).toBe('true');
        await fill('[name="alt:sensor.png"]', 'A sensor on a bridge');
        expect((await compare()).shown).toEqual([]);

        // The draft, its image too, survives a reload.
        await page.reload();
        await page.waitForSelector('body[data-ready]');
        expect(await page.$eval('#field-title', (element) => (element as HTMLInputElement).value)).toBe(
          'River Sensors on the Red River',
        );
        expect(await page.$eval('[name="alt:sensor.png"]', (element) => (element as HTMLInputElement).value)).toBe(
          'A sensor on a bridge',
        );
        expect(await page.$eval('#draft-note', (element) => (element as HTMLElement).hidden)).toBe(false);
        expect((await compare()).shown).toEqual([]);

        // axe on the form, with its problems shown and without.
        await page.addScriptTag({ content: axe });
        const violations = await page.evaluate(async () => {
          const result = await (
            window as unknown as {
              axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string }[] }> };
            }
          ).axe.run(document);
          return result.violations.map((violation) => `${violation.id} (${violation.impact})`);
        });
        expect(violations).toEqual([]);

        // Saved: a zip with the case and its image; imported; built like the case written by hand.
        // What the page offers for download, as the browser would save it.
        await page.evaluate(() => {
          document.addEventListener(
            'click',
            (event) => {
              const link = event.target;
              if (!(link instanceof HTMLAnchorElement) || !link.download) return;
              (window as unknown as { saved: object }).saved = { name: link.download, href: link.href };
              event.preventDefault();
            },
            true,
          );
        });
        await page.click('#save');
        await page.waitForFunction(() => 'saved' in window);
        const saved = await page.evaluate(async () => {
          const { name, href } = (window as unknown as { saved: { name: string; href: string } }).saved;
          const bytes = new Uint8Array(await (await fetch(href)).arrayBuffer());
          let text = '';
          for (const byte of bytes) text += String.fromCharCode(byte);
          return { name, data: btoa(text) };
        });
        const zipPath = join(downloads, saved.name);
        writeFileSync(zipPath, Buffer.from(saved.data, 'base64'));
        const [imported] = await importSubmissions({ root, files: [zipPath] });
        expect(imported?.written).toEqual([
          'cases/river-sensors-on-the-red-river.md',
          'cases/images/river-sensors-on-the-red-river/sensor.png',
        ]);
        const byHand = join(temp, 'by-hand');
        cpSync(root, byHand, { recursive: true });
        writeFileSync(
          join(byHand, 'cases', 'river-sensors-on-the-red-river.md'),
          caseText('River Sensors on the Red River', 'Villages flood within hours.')
            .replace('sdgs: [6, 13]', 'sdgs: [6]')
            .replace('Sensors on bridges send readings every ten minutes.', 'Sensors on bridges.')
            .replace(
              'Water-level sensors and SMS alerts give villages hours more warning before a flood.',
              'Water-level sensors and SMS alerts give villages hours more warning.',
            )
            .replace(
              'Alerts reached 46,000 residents.',
              'Alerts reached 46,000 residents.\n\n![A sensor on a bridge](images/river-sensors-on-the-red-river/sensor.png)',
            ),
        );
        const built = join(temp, 'built-form');
        const builtByHand = join(temp, 'built-hand');
        await build({ root, out: built, htmlOnly: true, cacheDir: false });
        await build({ root: byHand, out: builtByHand, htmlOnly: true, cacheDir: false });
        const page1 = readFileSync(join(built, 'site', 'en', 'cases', 'river-sensors-on-the-red-river.html'));
        const page2 = readFileSync(join(builtByHand, 'site', 'en', 'cases', 'river-sensors-on-the-red-river.html'));
        expect(page1.equals(page2)).toBe(true);

        // Chinese: the form in Chinese, its sections the Chinese ones, a missing one named as check names it.
        await open('zh');
        expect(await page.$eval('label[for="field-section-1"]', (label) => label.textContent)).toContain('解决方案');
        await fillCase({
          title: '红河水位传感器预警系统',
          slug: 'red-river-sensors',
          organization: '三角洲实验室',
          country: '越南',
          sdg: '13',
          summary: '水位传感器和短信预警让村庄在洪水到来前多出数小时的准备时间，减少了牲畜和粮食损失。',
          name: '阮兰',
          // The second section left out.
          sections: ['村庄在暴雨后数小时内被淹。', '', '预警覆盖四万六千名居民。'],
        });
        const chinese = await compare();
        expect(chinese.shown).toEqual(chinese.expected);
        expect(chinese.shown).toEqual([
          'Missing section `## 解决方案`, expected the sections `背景`, `解决方案`, `影响` in that order [case-section-missing]',
        ]);
        expect(await page.$eval('#markdown', (element) => element.textContent)).toContain('country: VN\n');
        // On a phone: one column, nothing wider than the screen.
        await page.setViewport({ width: 360, height: 740 });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
        // Cleared: the fields empty, nothing kept in the browser.
        await page.click('#clear');
        await settle();
        expect(await page.$eval('#field-title', (element) => (element as HTMLInputElement).value)).toBe('');
        expect(await page.evaluate(() => localStorage.length)).toBe(0);
        expect(requests).toEqual([]);
      } finally {
        await release();
      }
      expect(readdirSync(downloads)).toEqual(['river-sensors-on-the-red-river.zip']);
    },
    240_000,
  );
});
