/**
 * The EPUB's fonts, each cut down to the glyphs its text uses (HarfBuzz's subsetter, as
 * WebAssembly): a reading system gets the faces the book is set in at a fraction of their size.
 * The SIL Open Font License of every face the pipeline ships allows embedding and subsetting.
 *
 * A face file of the site is one of its Unicode ranges as WOFF 2; its WOFF 1 twin (npm ships
 * both) is decoded here (zlib, per table), subset, and held as OpenType or TrueType.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { inflateSync } from 'node:zlib';

/** The subsetter's exports that are used. */
interface Subsetter {
  memory: WebAssembly.Memory;
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, user: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_data(blob: number, length: number): number;
  hb_blob_get_length(blob: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, codepoint: number): void;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_or_fail(face: number, input: number): number;
}

let subsetter: Promise<Subsetter> | undefined;

function loadSubsetter(): Promise<Subsetter> {
  subsetter ??= (async () => {
    const path = createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
    const { instance } = await WebAssembly.instantiate(await readFile(path));
    return instance.exports as unknown as Subsetter;
  })();
  return subsetter;
}

/**
 * A WOFF 1 file's font as the sfnt it wraps.
 *
 * @param woff The file.
 * @returns The font, or `undefined` when the file is not WOFF 1.
 */
export function decodeWoff(woff: Uint8Array): Uint8Array | undefined {
  const view = new DataView(woff.buffer, woff.byteOffset, woff.byteLength);
  if (woff.byteLength < 44 || view.getUint32(0) !== 0x774f4646) return undefined;
  const flavor = view.getUint32(4);
  const count = view.getUint16(12);
  const tables = Array.from({ length: count }, (_, index) => {
    const at = 44 + index * 20;
    const offset = view.getUint32(at + 4);
    const compressed = view.getUint32(at + 8);
    const length = view.getUint32(at + 12);
    const stored = woff.subarray(offset, offset + compressed);
    return {
      tag: view.getUint32(at),
      checksum: view.getUint32(at + 16),
      data: compressed < length ? new Uint8Array(inflateSync(stored)) : stored,
    };
  });
  const padded = (length: number) => (length + 3) & ~3;
  const header = 12 + 16 * count;
  const size = tables.reduce((sum, table) => sum + padded(table.data.byteLength), header);
  const sfnt = new Uint8Array(size);
  const out = new DataView(sfnt.buffer);
  let power = 1;
  while (power * 2 <= count) power *= 2;
  out.setUint32(0, flavor);
  out.setUint16(4, count);
  out.setUint16(6, power * 16);
  out.setUint16(8, Math.log2(power));
  out.setUint16(10, count * 16 - power * 16);
  let offset = header;
  for (const [index, table] of tables.entries()) {
    out.setUint32(12 + index * 16, table.tag);
    out.setUint32(16 + index * 16, table.checksum);
    out.setUint32(20 + index * 16, offset);
    out.setUint32(24 + index * 16, table.data.byteLength);
    sfnt.set(table.data, offset);
    offset += padded(table.data.byteLength);
  }
  return sfnt;
}

/**
 * A font with only the glyphs of some characters (and what its layout needs for them).
 *
 * @param font An sfnt (OpenType or TrueType).
 * @param characters The text set in it.
 * @returns The subset, or `undefined` when HarfBuzz cannot make one.
 */
export async function subsetFont(font: Uint8Array, characters: Iterable<number>): Promise<Uint8Array | undefined> {
  const hb = await loadSubsetter();
  const input = hb.malloc(font.byteLength);
  new Uint8Array(hb.memory.buffer).set(font, input);
  const blob = hb.hb_blob_create(input, font.byteLength, 2, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  const options = hb.hb_subset_input_create_or_fail();
  const unicodes = hb.hb_subset_input_unicode_set(options);
  for (const codepoint of characters) hb.hb_set_add(unicodes, codepoint);
  const subset = hb.hb_subset_or_fail(face, options);
  hb.hb_subset_input_destroy(options);
  let result: Uint8Array | undefined;
  if (subset) {
    const data = hb.hb_face_reference_blob(subset);
    const at = hb.hb_blob_get_data(data, 0);
    const length = hb.hb_blob_get_length(data);
    if (length > 0) result = new Uint8Array(hb.memory.buffer).slice(at, at + length);
    hb.hb_blob_destroy(data);
    hb.hb_face_destroy(subset);
  }
  hb.hb_face_destroy(face);
  hb.free(input);
  return result;
}

/** Whether an sfnt holds CFF outlines (OpenType, `OTTO`) rather than TrueType ones. */
export const isOpenType = (font: Uint8Array) =>
  font.byteLength >= 4 && new DataView(font.buffer, font.byteOffset).getUint32(0) === 0x4f54544f;

/**
 * A site font file (WOFF 2) as the EPUB holds it: its WOFF 1 twin's font, subset to `characters`.
 *
 * @param source The WOFF 2 file.
 * @param characters The EPUB's characters.
 * @returns The subset font and its extension (`.otf`, `.ttf`), or `undefined` when the file has
 *   no twin or no glyph for any of the characters (the EPUB then leaves it out).
 */
export async function epubFont(
  source: string,
  characters: ReadonlySet<number>,
): Promise<{ bytes: Uint8Array; extension: '.otf' | '.ttf' } | undefined> {
  const twin = source.replace(/\.woff2$/, '.woff');
  if (twin === source) return undefined;
  const woff = await readFile(twin).catch(() => undefined);
  const font = woff ? decodeWoff(new Uint8Array(woff)) : undefined;
  if (!font) return undefined;
  const bytes = await subsetFont(font, characters);
  if (!bytes) return undefined;
  return { bytes, extension: isOpenType(bytes) ? '.otf' : '.ttf' };
}
