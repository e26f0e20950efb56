/**
 * Git → what a build needs to know of history: the current commit, and files as they were.
 */
import { execFileSync } from 'node:child_process';
import { UsageError } from '../model/errors.js';

/** The commit a draft was built from. */
export interface Revision {
  /** Short hash, or `null` outside a git work tree. */
  commit: string | null;
  /** Whether the work tree has uncommitted changes. */
  dirty: boolean;
}

/** Most time one git command may take, in milliseconds. */
const gitTime = 30_000;

/**
 * Settings that make git run a program, turned off: the content folder's `.git/config` is
 * input like any other (a submitted repository, a shared drive), and `status` would otherwise
 * run its `core.fsmonitor` command or a filter driver's `clean` command.
 */
const neutral = [
  'core.fsmonitor=false',
  'core.hooksPath=/dev/null',
  'core.untrackedCache=false',
  'core.pager=cat',
  'core.sshCommand=false',
  'diff.external=',
  'protocol.allow=never',
  'credential.helper=',
].flatMap((setting) => ['-c', setting]);

/** Git with the neutral settings, and no system or user settings; `null` when it fails. */
function run(root: string, args: readonly string[]): string | null {
  try {
    return execFileSync('git', [...args], {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
      timeout: gitTime,
      killSignal: 'SIGKILL',
      env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_TERMINAL_PROMPT: '0' },
    });
  } catch {
    return null;
  }
}

/** Filter drivers the repository's settings name: each is turned into an identity (`cat`). */
const drivers = new Map<string, string[]>();

function git(root: string, args: string[]): string | null {
  let overrides = drivers.get(root);
  if (!overrides) {
    // Reading settings runs nothing.
    const names = (run(root, ['config', '--name-only', '--get-regexp', '^filter\\.']) ?? '')
      .split('\n')
      .flatMap((key) => /^filter\.(.+)\.(?:clean|smudge|process|required)$/.exec(key)?.[1] ?? []);
    overrides = [...new Set(names)].flatMap((name) =>
      [
        `filter.${name}.clean=cat`,
        `filter.${name}.smudge=cat`,
        `filter.${name}.process=`,
        `filter.${name}.required=false`,
      ].flatMap((setting) => ['-c', setting]),
    );
    drivers.set(root, overrides);
  }
  return run(root, [...neutral, ...overrides, ...args]);
}

/**
 * The commit checked out in the content root.
 *
 * @param root Content root.
 * @returns Short hash and whether the tree is dirty; no commit outside git.
 */
export function currentRevision(root: string): Revision {
  const commit = git(root, ['rev-parse', '--short', 'HEAD'])?.trim() || null;
  if (!commit) return { commit: null, dirty: false };
  const status = git(root, ['status', '--porcelain', '--', '.']) ?? '';
  return { commit, dirty: status.trim() !== '' };
}

/**
 * Files of the content root as they were at a revision.
 *
 * @param root Content root, inside a git work tree.
 * @param ref Any revision git understands (`HEAD~3`, `v2025`, a hash).
 * @param paths Paths relative to the root.
 * @returns Path → text at `ref`, or `null` where the file did not exist then.
 */
export function filesAt(root: string, ref: string, paths: readonly string[]): Map<string, string | null> {
  if (git(root, ['rev-parse', '--is-inside-work-tree'])?.trim() !== 'true') {
    throw new UsageError(`\`--since\` compares with git history, and ${root} is not in a git work tree`);
  }
  if (ref.startsWith('-') || git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]) === null) {
    throw new UsageError(`Unknown git revision \`${ref}\` in ${root}`);
  }
  const files = new Map<string, string | null>();
  for (const path of paths) files.set(path, git(root, ['show', '--no-textconv', `${ref}:./${path}`]));
  return files;
}
