/**
 * Environment → a launched headless Chromium, found without downloading anything.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer';
import { BrowserNotFoundError, PrintError } from '../../model/errors.js';
import { profilePrefix } from '../output/pid.js';

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
export function findBrowser(
  env: NodeJS.ProcessEnv = process.env,
  candidates: readonly string[] = systemBrowsers,
): string {
  const configured = env['PUPPETEER_EXECUTABLE_PATH'];
  if (configured) {
    if (existsSync(configured)) return configured;
    throw new BrowserNotFoundError(
      `PUPPETEER_EXECUTABLE_PATH names \`${configured}\`, which does not exist. ${installHint}`,
    );
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
  /**
   * Talk to the browser over a pipe (default), so that it ends with this process; `false` opens
   * a DevTools WebSocket instead, for other processes to connect to (`connectBrowser`).
   */
  pipe?: boolean;
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
  // A profile folder of our own, named after this process, so that one left behind by a killed
  // build is found and removed by the next (`build()` sweeps them).
  const userDataDir = await mkdtemp(join(tmpdir(), `${profilePrefix}${process.pid}-`));
  try {
    // Signals are the caller's: the CLI aborts the build, which closes the browser in a `finally`.
    // Over a pipe, not a port: Chromium ends when this process does, even when it is killed.
    // Over a pipe, puppeteer waits on the protocol, not on a line of output: the time limit is
    // kept here, and the process is killed when it runs out.
    const timeout = options.timeout ?? 30_000;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`Timed out after ${timeout} ms`));
      }, timeout);
    });
    const launching = puppeteer.launch({
      executablePath,
      headless: true,
      pipe: options.pipe ?? true,
      userDataDir,
      args,
      timeout,
      signal: controller.signal,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
    });
    launching.catch(() => undefined);
    const browser = await Promise.race([launching, expired]).finally(() => clearTimeout(timer));
    // Removed once Chromium has exited and stopped writing to it; a killed build's is swept later.
    browser
      .process()
      ?.once(
        'exit',
        () => void rm(userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined),
      );
    return browser;
  } catch (cause) {
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    throw new PrintError(
      `Could not start the browser at \`${executablePath}\`: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/**
 * Connect to a browser that is already running (one started with `pipe: false`, or any Chromium
 * with `--remote-debugging-port`). The caller disconnects; the browser keeps running.
 *
 * @param endpoint Its DevTools WebSocket URL (`ws://127.0.0.1:PORT/devtools/browser/ID`).
 * @param timeout Milliseconds allowed for connecting.
 * @returns The browser.
 */
export async function connectBrowser(endpoint: string, timeout = 30_000): Promise<Browser> {
  try {
    return await puppeteer.connect({ browserWSEndpoint: endpoint, protocolTimeout: timeout });
  } catch (cause) {
    throw new PrintError(
      `Could not connect to the browser at \`${endpoint}\`: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
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
