// Whether dist/ holds the compiled CLI, up to date: every source below pipeline/ is older than
// the start of the compile that made it (the stamp `npm run compile` writes holds that time).
import { readdirSync, readFileSync, statSync } from 'node:fs';
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
    const stamp = fileURLToPath(new URL('../dist/.stamp', import.meta.url));
    const begun = Number(readFileSync(stamp, 'utf8'));
    // A stamp of an older compile holds a date: its own time stands for the start.
    const start = Number.isFinite(begun) ? begun : statSync(stamp).mtimeMs;
    return start > newest(fileURLToPath(new URL('.', import.meta.url)));
  } catch {
    return false;
  }
}
