/**
 * `whitepaper.yaml` → a VFile with its raw YAML on `file.data` (validated in `validate/settings`).
 */
import type { VFile } from 'vfile';
import { parseYaml } from './front-matter.js';
import { readSource } from './read.js';
import { directories } from '../model/directories.js';

/** Name of the settings file in a content root. */
export const settingsFileName = directories.settings;

/**
 * Read the settings file of a content root.
 *
 * @param root Content root.
 * @returns The file; problems (missing file, bad YAML) are messages on it.
 */
export async function loadSettings(root: string): Promise<VFile> {
  const file = await readSource(root, settingsFileName);
  const [problem] = file.messages;
  if (problem?.reason === 'Missing file') {
    // Most likely the wrong folder, or a new one: say what a content folder holds.
    problem.reason =
      'Missing file, expected the settings of a book in this folder: a content folder holds `whitepaper.yaml`, `chapters/NN-slug.md` and `cases/<slug>.md` (see the guide, docs/chapters/02-authoring.md); `whitepaper init` starts one here, `--root` names another folder';
    problem.message = problem.reason;
  }
  if (file.messages.length === 0) parseYaml(file, String(file.value), 0);
  return file;
}
