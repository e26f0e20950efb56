/**
 * Whether a process still runs: how stale staging folders, locks and browser profiles are told
 * from those of a build at work.
 */

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
