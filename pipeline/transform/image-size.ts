/**
 * A PNG or JPEG file → its width and height in pixels, from its header.
 */
import { openSync, readSync, closeSync } from 'node:fs';

/**
 * Read the pixel size of a raster image without decoding it.
 *
 * @param path Image file.
 * @returns Width and height, or `undefined` for vector or unknown formats.
 */
export function rasterSize(path: string): { width: number; height: number } | undefined {
  const header = Buffer.alloc(64 * 1024);
  let length = 0;
  try {
    const fd = openSync(path, 'r');
    try {
      length = readSync(fd, header, 0, header.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const bytes = header.subarray(0, length);
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47)
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    // Walk the JPEG segments to the first start-of-frame marker.
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) return undefined;
      const marker = bytes[offset + 1] ?? 0;
      const size = bytes.readUInt16BE(offset + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { width: bytes.readUInt16BE(offset + 7), height: bytes.readUInt16BE(offset + 5) };
      }
      offset += 2 + size;
    }
  }
  return undefined;
}
