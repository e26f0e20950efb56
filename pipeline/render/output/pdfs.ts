/** PDFs written by name into a folder of their own. */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * @param folder The folder, made if need be.
 * @param files Name (without `.pdf`) → bytes.
 */
export async function writeNamedPdfs(folder: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  // A name may hold a folder (`screening/ann`).
  const folders = new Set([folder, ...[...files.keys()].map((name) => dirname(join(folder, name)))]);
  for (const path of folders) await mkdir(path, { recursive: true });
  await Promise.all([...files].map(([name, bytes]) => writeFile(join(folder, `${name}.pdf`), bytes)));
}
