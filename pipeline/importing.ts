/**
 * `whitepaper import FILE…`: submitted cases (the form's `.zip` or `.md`) into the book. Each
 * file is unpacked as untrusted input (`submit/unpack.ts`), checked as the form checks it, then
 * written, and the book checked in full: a case the full check finds errors in is taken out
 * again (a replaced case put back), so the book is never left broken. Each file is reported.
 */
import { lstat, mkdir, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { VFile } from 'vfile';
import { check } from './check.js';
import { UsageError } from './model/errors.js';
import { error, hasErrors } from './model/message.js';
import { checkSubmission, type Submission } from './submit/check.js';
import { casePath, imageFolder } from './submit/layout.js';
import { unpackSubmission } from './submit/unpack.js';
import { ownLabels } from './validate/settings.js';

/** What happened to one submitted file. */
export interface Imported {
  /** The submitted file, with its messages and those of its case and images. */
  files: VFile[];
  /** Paths written, from the content root; empty when the case was refused. */
  written: string[];
  /** It replaced a case of the same slug. */
  replaced: boolean;
}

/** What import options say. */
export interface ImportOptions {
  root?: string;
  /** The submitted files. */
  files: readonly string[];
  /** Replace a case of the same slug (its images folder too). */
  replace?: boolean;
}

/** Whether something is at a path (a link too, not followed). */
const exists = (path: string) =>
  lstat(path).then(
    () => true,
    () => false,
  );

/**
 * Import submitted cases.
 *
 * @param options The book, the files, whether to replace.
 * @returns One result per file, in their order.
 */
export async function importSubmissions(options: ImportOptions): Promise<Imported[]> {
  const root = resolve(options.root ?? process.cwd());
  if (options.files.length === 0) throw new UsageError('Missing FILE, expected a submitted `.zip` or `.md`');
  const before = await check({ root });
  const settings = before.editions[0]?.settings;
  if (!settings)
    throw new UsageError('The book has errors; `whitepaper check` lists them. Import into a book that checks clean.');
  const results: Imported[] = [];
  /** Written cases waiting for the full check, with what to put back if it fails. */
  const pending: { result: Imported; submission: Submission; saved: Map<string, Buffer | null> }[] = [];
  const claimed = new Set<string>();
  for (const path of options.files) {
    const submitted = new VFile({ path, value: new Uint8Array(0) });
    const result: Imported = { files: [submitted], written: [], replaced: false };
    results.push(result);
    try {
      submitted.value = new Uint8Array(await readFile(resolve(path)));
    } catch {
      error(
        submitted,
        `Missing file \`${path}\`, expected a submitted \`.zip\` or \`.md\``,
        { line: 1, column: 1 },
        'file-read',
      );
      continue;
    }
    const submission = unpackSubmission(submitted);
    if (!submission) continue;
    const checked = await checkSubmission(submission, {
      language: settings.language,
      countries: settings.countries,
      labels: ownLabels(settings),
    });
    result.files.push(checked.file, ...checked.images);
    const target = casePath(submission.slug);
    const replacing = await exists(join(root, target));
    if (claimed.has(submission.slug))
      error(
        submitted,
        `Unexpected second submission of \`${target}\` in this import, expected one per case`,
        { line: 1, column: 1 },
        'submission-exists',
      );
    else if (replacing && !options.replace)
      error(
        submitted,
        `Unexpected case \`${target}\`, which the book has already, expected a new slug or \`--replace\``,
        { line: 1, column: 1 },
        'submission-exists',
      );
    if (result.files.some(hasErrors)) continue;
    claimed.add(submission.slug);
    // Write, keeping what was there to put it back.
    const saved = new Map<string, Buffer | null>();
    const writes: [string, string | Uint8Array][] = [
      [target, submission.text],
      ...[...submission.images].map(([name, bytes]): [string, Uint8Array] => [
        `${imageFolder(submission.slug)}/${name}`,
        bytes,
      ]),
    ];
    result.replaced = replacing;
    if (replacing) {
      const folder = join(root, imageFolder(submission.slug));
      for (const old of await listFiles(folder)) saved.set(relative(root, old), await readFile(old));
      await rm(folder, { recursive: true, force: true });
      saved.set(target, await readFile(join(root, target)));
    }
    for (const [file, content] of writes) {
      if (!saved.has(file)) saved.set(file, null);
      await mkdir(dirname(join(root, file)), { recursive: true });
      await writeFile(join(root, file), content);
    }
    result.written = writes.map(([file]) => file);
    pending.push({ result, submission, saved });
  }
  if (pending.length === 0) return results;
  // The full check, once for every case written: a case with errors is taken out again.
  const after = await check({ root });
  const byPath = new Map(after.files.map((file) => [file.path, file]));
  for (const { result, submission, saved } of pending) {
    const full = byPath.get(casePath(submission.slug));
    if (!full || !hasErrors(full)) {
      // Its messages as the book now reports them (warnings included).
      if (full) result.files[1] = full;
      continue;
    }
    result.files[1] = full;
    for (const [path, bytes] of saved) {
      if (bytes === null) await rm(join(root, path), { force: true });
      else {
        await mkdir(dirname(join(root, path)), { recursive: true });
        await writeFile(join(root, path), bytes);
      }
    }
    // The images' folder goes too when the import made it (a folder with other files stays).
    if (!result.replaced) await rmdir(join(root, imageFolder(submission.slug))).catch(() => undefined);
    result.written = [];
  }
  return results;
}

/** Every file below a folder (none when it does not exist). */
async function listFiles(folder: string): Promise<string[]> {
  try {
    const entries = await readdir(folder, { withFileTypes: true, recursive: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}
