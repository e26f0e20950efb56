/**
 * What builds leave behind when they are killed, and how a later build tells it from the work of
 * a build still running: the process id in each name.
 */
import { readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Name of the browser profile folders in the temporary folder, before the process id. */
export const profilePrefix = 'whitepaper-chromium-';

/**
 * Whether a process is running.
 *
 * @param pid Process id.
 * @returns `false` when no such process exists.
 */
export function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (cause) {
    return (cause as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Remove the entries of a folder that a process which is gone left behind.
 *
 * @param folder Folder to look in.
 * @param pattern Matches the names to consider; its first group is the process id.
 */
export async function sweep(folder: string, pattern: RegExp): Promise<void> {
  const names = await readdir(folder).catch(() => [] as string[]);
  await Promise.all(
    names.map(async (name) => {
      const pid = pattern.exec(name)?.[1];
      if (pid && !isAlive(Number(pid))) await rm(join(folder, name), { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    }),
  );
}

/** Remove the browser profiles of builds whose process is gone. */
export async function sweepProfiles(): Promise<void> {
  await sweep(tmpdir(), new RegExp(`^${profilePrefix}(\\d+)-`));
}
