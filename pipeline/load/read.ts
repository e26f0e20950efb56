/**
 * A file on disk → a VFile with its text, or a message saying why there is none.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VFile } from 'vfile';
import { error } from '../message.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const lenient = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

/** Largest source file accepted by default, in bytes. */
export const defaultMaxFileSize = 5 * 1024 * 1024;

/**
 * Read a text file below `root`. A UTF-8 byte order mark is dropped; CRLF line endings stay
 * (the parsers accept them). Problems are messages on the returned file, whose value is then empty.
 *
 * @param root Content root; messages show paths relative to it.
 * @param path Path relative to `root`.
 * @param maxSize Largest size accepted, in bytes.
 * @returns The file.
 */
export async function readSource(root: string, path: string, maxSize = defaultMaxFileSize): Promise<VFile> {
  const file = new VFile({ cwd: root, path, value: '' });
  let bytes: Buffer;
  try {
    bytes = await readFile(join(root, path));
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    error(file, code === 'ENOENT' ? 'Missing file' : `Unreadable file (${code ?? 'unknown error'})`, { line: 1, column: 1 }, 'file-read');
    return file;
  }
  if (bytes.length > maxSize) {
    error(file, `Unexpected file of ${bytes.length} bytes, expected at most ${maxSize}`, { line: 1, column: 1 }, 'file-size');
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
