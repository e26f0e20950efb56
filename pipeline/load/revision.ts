/**
 * Git → what a build needs to know of history: the current commit, and files as they were.
 */
import { execFileSync } from 'node:child_process';
import { UsageError } from '../errors.js';

/** The commit a draft was built from. */
export interface Revision {
  /** Short hash, or `null` outside a git work tree. */
  commit: string | null;
  /** Whether the work tree has uncommitted changes. */
  dirty: boolean;
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync('git', args, {
      cwd: root,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch {
    return null;
  }
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
  for (const path of paths) files.set(path, git(root, ['show', `${ref}:./${path}`]));
  return files;
}
