/**
 * Rendered files → disk, through a staging folder that replaces the old output only on success.
 */
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { sweep } from './pid.js';
import { sanitizeSvg } from '../../shared/sanitize-svg.js';
import { withBookFonts } from '../font-files.js';
import { basename, dirname, join } from 'node:path';
import type { Asset } from '../../model/types.js';

/** A staging folder beside the output folder. */
export interface Staging {
  path: string;
  /**
   * Move the named entries of the staging folder over those of the output folder, then remove
   * the staging folder. Entries not named (a PDF from an earlier full build) stay, unless
   * `replaces` names them.
   *
   * @param names Top-level names such as `site` or `whitepaper.pdf`.
   * @param replaces Names of earlier outputs that the named entries replace (the PDFs of the
   *   editions a book had before) and that go with the old entries.
   */
  commit(names: readonly string[], replaces?: readonly string[]): Promise<void>;
  /** Remove the staging folder; the output folder is untouched. */
  discard(): Promise<void>;
}

/**
 * Create a staging folder next to `out`, on the same file system so that renames are atomic.
 *
 * @param out Output folder.
 * @returns The staging folder.
 */
export async function createStaging(out: string): Promise<Staging> {
  await mkdir(dirname(out), { recursive: true });
  await sweepStaging(out);
  const path = await mkdtemp(join(dirname(out), `.${basename(out)}-staging-${process.pid}-`));
  return {
    path,
    async commit(names, replaces = []) {
      await mkdir(out, { recursive: true });
      const trash = `${path}-old`;
      await mkdir(trash);
      for (const name of replaces.filter((entry) => !names.includes(entry))) {
        await rename(join(out, name), join(trash, name)).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
      }
      for (const name of names) {
        await rename(join(out, name), join(trash, name)).catch((error: NodeJS.ErrnoException) => {
          if (error.code !== 'ENOENT') throw error;
        });
        await rename(join(path, name), join(out, name));
      }
      await Promise.all([rm(trash, { recursive: true, force: true }), rm(path, { recursive: true, force: true })]);
    },
    async discard() {
      await rm(path, { recursive: true, force: true });
    },
  };
}

/** Remove staging folders (and their `-old` trash) that builds left behind when they were killed. */
async function sweepStaging(out: string): Promise<void> {
  await sweep(dirname(out), new RegExp(`^\\.${escapeRegExp(basename(out))}-staging-(\\d+)-`));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Write text files below a folder, creating subfolders.
 *
 * @param folder Destination.
 * @param files Relative path → text.
 */
export async function writeFiles(folder: string, files: ReadonlyMap<string, string | Uint8Array>): Promise<void> {
  const folders = new Set([...files.keys()].map((path) => dirname(join(folder, path))));
  await Promise.all([...folders].map((path) => mkdir(path, { recursive: true })));
  await Promise.all([...files].map(([path, text]) => writeFile(join(folder, path), text)));
}

/**
 * What the site publishes of an asset: its bytes, or, for an SVG, the sanitised drawing.
 *
 * @param source Path of the file.
 * @returns The bytes to publish.
 */
export async function publishedAsset(source: string): Promise<Buffer> {
  const bytes = await readFile(source);
  // A drawing is published sanitised, its text in the book's sans.
  return source.toLowerCase().endsWith('.svg')
    ? Buffer.from(withBookFonts(sanitizeSvg(bytes.toString('utf8')).svg))
    : bytes;
}

/**
 * Copy the book's assets below a folder (SVG drawings sanitised).
 *
 * @param folder Site root.
 * @param assets Files to copy.
 */
export async function copyAssets(folder: string, assets: readonly Asset[]): Promise<void> {
  for (const asset of assets) {
    const target = join(folder, asset.target);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, await publishedAsset(asset.source));
  }
}
