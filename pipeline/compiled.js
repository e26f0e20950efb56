// Whether dist/ holds the compiled CLI, up to date: its stamp (written by `npm run compile`) is
// newer than every source below pipeline/.
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Newest modification time of the sources below a folder. */
function newest(folder) {
  let time = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) time = Math.max(time, newest(path));
    else if (/\.(ts|js|xml)$/.test(entry.name)) time = Math.max(time, statSync(path).mtimeMs);
  }
  return time;
}

/** @returns {boolean} */
export function compiled() {
  try {
    const stamp = statSync(fileURLToPath(new URL('../dist/.stamp', import.meta.url))).mtimeMs;
    return stamp >= newest(fileURLToPath(new URL('.', import.meta.url)));
  } catch {
    return false;
  }
}
