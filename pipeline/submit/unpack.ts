/**
 * A submitted file → the case it brings: a `.md` alone, or a `.zip` holding exactly
 * `cases/<slug>.md` and images in `cases/images/<slug>/`. Anything else in the zip is refused by
 * name (a path leaving the folder, an absolute path, a link, another type of file, a second case),
 * every problem reported on the submitted file; nothing is written here.
 */
import type { VFile } from 'vfile';
import { error } from '../model/message.js';
import type { Submission } from './check.js';
import { imageName, submissionLimits } from './layout.js';
import { readEntry, zipEntries, ZipProblem } from '../shared/zip.js';

/** Entries of archives made on a Mac or by Windows that are no one's content: skipped. */
const clutter = /(^|\/)(__MACOSX\/|\.DS_Store$|Thumbs\.db$|desktop\.ini$)/;

/** Folders a submission's files may be in: listed as entries by some archivers. */
const folders = /^cases\/(images\/([a-z0-9-]+\/)?)?$/;

/**
 * Read a submitted file.
 *
 * @param file The submitted file, its bytes as `value`; its problems are reported on it.
 * @returns The submission, or `undefined` when it is refused.
 */
export function unpackSubmission(file: VFile): Submission | undefined {
  const bytes = file.value as Uint8Array;
  const at = { line: 1, column: 1 };
  const name = file.basename ?? '';
  if (bytes.length > submissionLimits.fileBytes) {
    error(
      file,
      `Unexpected file of ${bytes.length} bytes, expected at most ${submissionLimits.fileBytes}`,
      at,
      'submission-size',
    );
    return undefined;
  }
  if (/\.md$/i.test(name)) {
    const slug = name.replace(/\.md$/i, '');
    return { slug, text: new TextDecoder('utf-8', { fatal: false }).decode(bytes), images: new Map() };
  }
  if (!/\.zip$/i.test(name)) {
    error(file, `Unexpected file \`${name}\`, expected a submission: a \`.zip\` or a \`.md\``, at, 'submission-format');
    return undefined;
  }
  try {
    const entries = zipEntries(bytes, submissionLimits.images + 32);
    // The case first: its slug names the images' folder.
    const cases = entries.filter((entry) => /^cases\/[^/]+\.md$/.test(entry.name) && !entry.link);
    const [caseEntry] = cases;
    const slug = caseEntry?.name.slice('cases/'.length, -'.md'.length);
    let text: string | undefined;
    const images = new Map<string, Uint8Array>();
    const refuse = (entry: string, why: string) =>
      error(
        file,
        `Unexpected \`${entry}\` in the archive: ${why}, expected only \`cases/<slug>.md\` and its images in \`cases/images/<slug>/\``,
        at,
        'submission-entry',
      );
    let total = 0;
    const take = (entry: (typeof entries)[number], limit: number) => {
      const content = readEntry(bytes, entry, Math.min(limit, submissionLimits.totalBytes - total));
      total += content.length;
      return content;
    };
    for (const entry of entries) {
      const path = entry.name;
      if (clutter.test(path)) continue;
      if (path.startsWith('/') || /^[A-Za-z]:/.test(path) || path.includes('\\')) {
        refuse(path, 'an absolute path');
        continue;
      }
      if (path.split('/').some((part) => part === '..' || part === '.') || path.includes('\0')) {
        refuse(path, 'a path that leaves its folder');
        continue;
      }
      if (entry.link) {
        refuse(path, 'a symbolic link');
        continue;
      }
      if (entry.folder) {
        if (!folders.test(path)) refuse(path, 'a folder of its own');
        continue;
      }
      if (cases.includes(entry)) {
        if (entry === caseEntry)
          text = new TextDecoder('utf-8', { fatal: false }).decode(take(entry, submissionLimits.caseBytes));
        else refuse(path, `a second case (the first is \`${caseEntry?.name ?? ''}\`)`);
        continue;
      }
      const image = /^cases\/images\/([^/]+)\/([^/]+)$/.exec(path);
      if (!image || image[1] !== slug) {
        refuse(path, /\.html?$/i.test(path) ? 'an HTML file' : 'a file outside the case and its images');
        continue;
      }
      const imageFile = image[2] ?? '';
      if (!imageName.test(imageFile)) {
        refuse(path, 'a file name other than letters, digits, `-`, `_` and `.`');
        continue;
      }
      images.set(imageFile, take(entry, submissionLimits.imageBytes));
    }
    if (slug === undefined || text === undefined) {
      error(file, 'Missing `cases/<slug>.md` in the archive, expected one case', at, 'submission-entry');
      return undefined;
    }
    return file.messages.some((message) => message.fatal) ? undefined : { slug, text, images };
  } catch (cause) {
    if (!(cause instanceof ZipProblem)) throw cause;
    error(file, cause.message, at, cause.kind === 'size' ? 'submission-size' : 'submission-format');
    return undefined;
  }
}
