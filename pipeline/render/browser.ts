/**
 * Environment → a launched headless Chromium, found without downloading anything.
 */
import { existsSync } from 'node:fs';
import puppeteer, { type Browser } from 'puppeteer';
import { BrowserNotFoundError, PrintError } from '../errors.js';

/** Where system browsers usually live, in order of preference. */
const systemBrowsers = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/** How to get a browser, for the error message. */
const installHint =
  'Install one (Debian/Ubuntu: `apt-get install -y chromium fonts-noto-cjk`) or set PUPPETEER_EXECUTABLE_PATH to a Chrome or Chromium binary.';

/**
 * Find the browser to print with: `PUPPETEER_EXECUTABLE_PATH`, then a browser in puppeteer's
 * own cache, then a system Chromium or Chrome.
 *
 * @param env Environment variables.
 * @param candidates System paths to try.
 * @returns Path of an executable.
 */
export function findBrowser(env: NodeJS.ProcessEnv = process.env, candidates: readonly string[] = systemBrowsers): string {
  const configured = env['PUPPETEER_EXECUTABLE_PATH'];
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new BrowserNotFoundError(`PUPPETEER_EXECUTABLE_PATH names \`${configured}\`, which does not exist. ${installHint}`);
  }
  let cached: string | undefined;
  try {
    cached = puppeteer.executablePath();
  } catch {
    cached = undefined;
  }
  if (cached && existsSync(cached)) return cached;
  const system = candidates.find((path) => existsSync(path));
  if (system) return system;
  throw new BrowserNotFoundError(`No Chromium or Chrome found. ${installHint}`);
}

/** Options of `launchBrowser`. */
export interface LaunchOptions {
  /** Milliseconds to wait for the browser to start. */
  timeout?: number;
  env?: NodeJS.ProcessEnv;
}

/**
 * Start a headless browser. The caller closes it, in a `finally`.
 *
 * @param options Timeout and environment.
 * @returns The browser.
 */
export async function launchBrowser(options: LaunchOptions = {}): Promise<Browser> {
  const executablePath = findBrowser(options.env);
  const args = [
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--disable-extensions',
    '--font-render-hinting=none',
  ];
  // Chromium refuses to run as root with its sandbox on.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  try {
    // Signals are the caller's: the CLI aborts the build, which closes the browser in a `finally`.
    return await puppeteer.launch({ executablePath, headless: true, args, timeout: options.timeout ?? 30_000, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false });
  } catch (cause) {
    throw new PrintError(`Could not start the browser at \`${executablePath}\`: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
  }
}

/**
 * Close a browser, killing it if it does not close in time (a hung or crashed browser).
 *
 * @param browser Browser to close.
 * @param timeout Milliseconds to wait for a clean close.
 */
export async function closeBrowser(browser: Browser, timeout = 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const closed = await Promise.race([
    browser.close().then(
      () => true,
      () => false,
    ),
    new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), timeout);
    }),
  ]);
  clearTimeout(timer);
  if (!closed) browser.process()?.kill('SIGKILL');
}
