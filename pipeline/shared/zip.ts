/**
 * A `.zip` read as untrusted input (a submission, a spreadsheet): its central directory parsed here (names, sizes,
 * link flags, encryption), each wanted entry inflated in small steps with its bytes counted, so
 * that a zip bomb stops at the limit instead of filling memory, and its CRC checked. Nothing is
 * written: the caller gets names and bytes, or why the zip is refused.
 */
import { Inflate } from 'fflate';

/** An entry as the central directory describes it. */
export interface ZipEntry {
  name: string;
  /** A folder (its name ends with `/`). */
  folder: boolean;
  /** A symbolic link (Unix mode in the external attributes). */
  link: boolean;
  encrypted: boolean;
  method: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Where its local header starts. */
  offset: number;
}

/** Why a zip, or an entry of it, cannot be read. */
export class ZipProblem extends Error {
  constructor(
    message: string,
    /** `size`: over a limit; `format`: not a zip this reader takes, or damaged. */
    readonly kind: 'format' | 'size',
  ) {
    super(message);
  }
}

const u16 = (bytes: Uint8Array, at: number) => (bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8);
const u32 = (bytes: Uint8Array, at: number) => (u16(bytes, at) | (u16(bytes, at + 2) << 16)) >>> 0;

/**
 * The entries of a zip.
 *
 * @param bytes The zip.
 * @param maxEntries More entries than this are refused before any is read.
 * @returns The entries, in the central directory's order.
 * @throws ZipProblem when it is not a zip this reader takes.
 */
export function zipEntries(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  // The end-of-central-directory record: 22 bytes and a comment of at most 65,535.
  let end = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--)
    if (u32(bytes, at) === 0x06054b50) {
      end = at;
      break;
    }
  if (end === -1) throw new ZipProblem('Unexpected file, expected a `.zip` archive', 'format');
  const count = u16(bytes, end + 10);
  const size = u32(bytes, end + 12);
  const start = u32(bytes, end + 16);
  if (count === 0xffff || size === 0xffffffff || start === 0xffffffff)
    throw new ZipProblem('Unexpected ZIP64 archive, expected a plain `.zip` (a submission is far smaller)', 'format');
  if (count > maxEntries)
    throw new ZipProblem(`Unexpected ${count} files in the archive, expected at most ${maxEntries}`, 'size');
  if (start + size > end) throw new ZipProblem('Unexpected damaged archive, expected a whole `.zip`', 'format');
  const entries: ZipEntry[] = [];
  let at = start;
  for (let index = 0; index < count; index++) {
    if (u32(bytes, at) !== 0x02014b50 || at + 46 > end)
      throw new ZipProblem('Unexpected damaged archive, expected a whole `.zip`', 'format');
    const madeBy = u16(bytes, at + 4) >> 8;
    const flags = u16(bytes, at + 8);
    const nameLength = u16(bytes, at + 28);
    const raw = bytes.subarray(at + 46, at + 46 + nameLength);
    // UTF-8 when flagged; otherwise code page 437, of which only ASCII names are taken.
    const name = flags & 0x800 ? new TextDecoder('utf-8', { fatal: false }).decode(raw) : String.fromCharCode(...raw);
    const mode = u32(bytes, at + 38) >>> 16;
    entries.push({
      name,
      folder: name.endsWith('/'),
      link: madeBy === 3 && (mode & 0o170000) === 0o120000,
      encrypted: (flags & 1) === 1,
      method: u16(bytes, at + 10),
      crc: u32(bytes, at + 16),
      compressedSize: u32(bytes, at + 20),
      size: u32(bytes, at + 24),
      offset: u32(bytes, at + 42),
    });
    at += 46 + nameLength + u16(bytes, at + 30) + u16(bytes, at + 32);
  }
  return entries;
}

/** CRC-32 (IEEE), as zip stores it. */
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * An entry's bytes, inflated at most to a limit.
 *
 * @param bytes The zip.
 * @param entry The entry.
 * @param limit Bytes it may unpack to: beyond them it is refused, whatever its header says.
 * @returns Its content.
 * @throws ZipProblem when it is encrypted, damaged, compressed otherwise, or too large.
 */
export function readEntry(bytes: Uint8Array, entry: ZipEntry, limit: number): Uint8Array {
  const tooLarge = () =>
    new ZipProblem(`Unexpected \`${entry.name}\` larger than ${limit} bytes unpacked, expected a smaller file`, 'size');
  if (entry.encrypted) throw new ZipProblem(`Unexpected encrypted \`${entry.name}\`, expected a plain file`, 'format');
  if (entry.size > limit) throw tooLarge();
  const at = entry.offset;
  if (u32(bytes, at) !== 0x04034b50)
    throw new ZipProblem(`Unexpected damaged entry \`${entry.name}\`, expected a whole \`.zip\``, 'format');
  const start = at + 30 + u16(bytes, at + 26) + u16(bytes, at + 28);
  const data = bytes.subarray(start, start + entry.compressedSize);
  if (data.length < entry.compressedSize)
    throw new ZipProblem(`Unexpected damaged entry \`${entry.name}\`, expected a whole \`.zip\``, 'format');
  let content: Uint8Array;
  if (entry.method === 0) {
    content = data;
  } else if (entry.method === 8) {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const inflate = new Inflate((chunk) => {
      total += chunk.length;
      if (total > limit) throw tooLarge();
      chunks.push(chunk);
    });
    try {
      // Small steps: a step of 4 KiB unpacks to at most about 4 MiB, so the count stops a bomb early.
      for (let offset = 0; offset < data.length; offset += 4096)
        inflate.push(data.subarray(offset, offset + 4096), offset + 4096 >= data.length);
      if (data.length === 0) inflate.push(new Uint8Array(0), true);
    } catch (cause) {
      if (cause instanceof ZipProblem) throw cause;
      throw new ZipProblem(`Unexpected damaged entry \`${entry.name}\`, expected a whole \`.zip\``, 'format');
    }
    content = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      content.set(chunk, offset);
      offset += chunk.length;
    }
  } else {
    throw new ZipProblem(
      `Unexpected compression method ${entry.method} for \`${entry.name}\`, expected stored or deflated`,
      'format',
    );
  }
  if (content.length !== entry.size || crc32(content) !== entry.crc)
    throw new ZipProblem(`Unexpected damaged entry \`${entry.name}\`, expected a whole \`.zip\``, 'format');
  return content;
}
