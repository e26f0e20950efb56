/**
 * A file on disk → a VFile with its text, or a message saying why there is none. Every read of
 * content goes through here: confined to the content root, regular files only, bounded in size.
 */
import { constants, lstatSync, realpathSync, type Stats } from 'node:fs';
import { lstat, open, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { VFile } from 'vfile';
import { error } from '../model/message.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Largest source file accepted by default, in bytes. */
export const defaultMaxFileSize = 5 * 1024 * 1024;

/** Why a path of the content root cannot be read as a file. */
export interface Refusal {
  rule: 'file-read' | 'file-size';
  reason: string;
}

/**
 * Check a path before anything opens it: it must lead, after following every symbolic link, to
 * a regular file inside the root (not a FIFO, a device, a socket or a folder), no larger than
 * `maxSize`. A path that leaves the root gets the same answer whether or not it exists there.
 *
 * @param root Content root (a real path).
 * @param path Path relative to the root.
 * @param maxSize Largest size accepted, in bytes.
 * @returns The file's stats, or why it is refused.
 */
export async function confine(
  root: string,
  path: string,
  maxSize: number,
): Promise<{ stats: Stats; real: string } | Refusal> {
  const absolute = join(root, path);
  const outside: Refusal = {
    rule: 'file-read',
    reason:
      'Unexpected path outside the project, expected a file inside it (links that leave the project are not followed)',
  };
  if (escapesRoot(root, absolute)) return outside;
  let real: string;
  try {
    real = await realpath(absolute);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    return {
      rule: 'file-read',
      reason: code === 'ENOENT' ? 'Missing file' : `Unreadable file (${code ?? 'unknown error'})`,
    };
  }
  const stats = await lstat(real);
  if (!stats.isFile()) return { rule: 'file-read', reason: `Unexpected ${kindOf(stats)}, expected a regular file` };
  if (stats.size > maxSize)
    return { rule: 'file-size', reason: `Unexpected file of ${stats.size} bytes, expected at most ${maxSize}` };
  return { stats, real };
}

/**
 * Read a text file below `root`, confined as `confine` says. A UTF-8 byte order mark is dropped;
 * CRLF line endings stay (the parsers accept them). Problems are messages on the returned file,
 * whose value is then empty.
 *
 * @param root Content root; messages show paths relative to it.
 * @param path Path relative to `root`.
 * @param maxSize Largest size accepted, in bytes.
 * @param binary Keep the bytes (a spreadsheet): `value` is a `Uint8Array`, not decoded.
 * @returns The file.
 */
export async function readSource(
  root: string,
  path: string,
  maxSize = defaultMaxFileSize,
  binary = false,
): Promise<VFile> {
  const file = new VFile({ cwd: root, path, value: '' });
  const checked = await confine(root, path, maxSize);
  if (!('stats' in checked)) {
    error(file, checked.reason, { line: 1, column: 1 }, checked.rule);
    return file;
  }
  let bytes: Buffer;
  try {
    bytes = await readBounded(checked.real, maxSize);
  } catch (cause) {
    error(
      file,
      `Unreadable file (${(cause as NodeJS.ErrnoException).code ?? 'unknown error'})`,
      { line: 1, column: 1 },
      'file-read',
    );
    return file;
  }
  if (bytes.length > maxSize) {
    // The file grew after it was checked.
    error(
      file,
      `Unexpected file of more than ${maxSize} bytes, expected at most ${maxSize}`,
      { line: 1, column: 1 },
      'file-size',
    );
    return file;
  }
  if (binary) {
    file.value = new Uint8Array(bytes);
    return file;
  }
  try {
    file.value = utf8.decode(bytes);
  } catch {
    // The first replacement character of a lenient decoding is where the bad bytes start.
    const text = lenient.decode(bytes);
    const index = text.indexOf('\uFFFD');
    const before = text.slice(0, Math.max(index, 0)).split('\n');
    const place = { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
    file.value = '';
    error(file, 'Unexpected invalid UTF-8, expected text encoded as UTF-8', place, 'file-encoding');
  }
  return file;
}

/**
 * Read at most `limit + 1` bytes, without following a link at the last step and without
 * blocking on a FIFO that appeared since the check.
 *
 * @param path Real path of a regular file.
 * @param limit Largest size wanted.
 * @returns The bytes; more than `limit` of them when the file is larger.
 */
async function readBounded(path: string, limit: number): Promise<Buffer> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw Object.assign(new Error('not a regular file'), { code: 'EINVAL' });
    // Room for the file as it is and one byte more (a file that grows is seen to); more only
    // when it grows, never past the limit. (A buffer of the limit for every file, zeroed, took
    // seconds of a large book's build.)
    const most = Math.min(limit + 1, 64 * 1024 * 1024);
    let buffer = Buffer.allocUnsafe(Math.min(most, stat.size + 1));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (buffer.length === most) break;
        const larger = Buffer.allocUnsafe(Math.min(most, buffer.length * 2));
        buffer.copy(larger, 0, 0, length);
        buffer = larger;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

/**
 * Whether a path relative to the root leaves it.
 *
 * @param path A path as `relative(root, …)` gives it.
 * @returns `true` for `..`, `../x` and absolute paths.
 */
export function leaves(path: string): boolean {
  return path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path);
}

/**
 * Whether a path leaves the root: as written (`../x`), or through a symbolic link on the way
 * that leads out of it or nowhere (a dangling link cannot be told apart from one that leaves).
 * So the answer for a path outside never depends on whether something exists there.
 *
 * @param root Content root.
 * @param path Absolute path below it, as written.
 * @returns `true` when the path must not be read.
 */
export function escapesRoot(root: string, path: string): boolean {
  if (leaves(relative(root, path))) return true;
  const realRoot = realpathSync(root);
  let current = root;
  for (const segment of relative(root, path).split(sep)) {
    current = join(current, segment);
    let link: boolean;
    try {
      link = lstatSync(current).isSymbolicLink();
    } catch {
      return false;
    }
    if (!link) continue;
    try {
      if (leaves(relative(realRoot, realpathSync(current)))) return true;
    } catch {
      return true;
    }
  }
  return false;
}

function kindOf(stats: Stats): string {
  if (stats.isDirectory()) return 'folder';
  if (stats.isFIFO()) return 'named pipe (FIFO)';
  if (stats.isSocket()) return 'socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'device';
  return 'file type';
}
