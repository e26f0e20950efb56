/** Small pure functions: helpers, suggestions, browser discovery, the API surface. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from '@jest/globals';
import * as api from '../pipeline/index.js';
import { findBrowser } from '../pipeline/render/browser.js';
import { cssString } from '../pipeline/render/helpers/css-string.js';
import { isAllowed } from '../pipeline/render/pdf.js';
import { english } from '../pipeline/data/catalogues.js';
import { sdgView } from '../pipeline/render/view.js';
import { suggest } from '../pipeline/validate/suggest.js';

describe('helpers', () => {
  test('cssString quotes and escapes what could end the string or the style element', () => {
    expect(cssString('Digital Economy')).toBe('"Digital Economy"');
    expect(cssString('a "b" \\ </style>')).toBe('"a \\22 b\\22  \\5c  \\3c /style\\3e "');
  });

  test('SDG badges pick readable ink', () => {
    expect(sdgView(6, english)).toEqual({ number: 6, label: 'SDG 6', name: 'Clean Water and Sanitation', colour: '#26BDE2', ink: '#000000' });
    expect(sdgView(17, english).ink).toBe('#FFFFFF');
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
    expect(() => findBrowser({ PUPPETEER_EXECUTABLE_PATH: '/nonexistent/chrome' }, [])).toThrow(api.BrowserNotFoundError);
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
    expect(Object.keys(api).sort()).toEqual(['BrowserNotFoundError', 'InterruptedError', 'OutputError', 'PrintError', 'RefusedError', 'TemplateError', 'UsageError', 'WhitepaperError', 'build', 'check', 'defaultTemplates', 'newCase', 'preview']);
  });
});
