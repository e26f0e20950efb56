/** PDFs written by name into a folder of their own. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * @param folder The folder, made if need be.
 * @param files Name (without `.pdf`) → bytes.
 */
export async function writeNamedPdfs(folder: string, files: ReadonlyMap<string, Uint8Array>): Promise<void> {
  await mkdir(folder, { recursive: true });
  await Promise.all([...files].map(([name, bytes]) => writeFile(join(folder, `${name}.pdf`), bytes)));
}
