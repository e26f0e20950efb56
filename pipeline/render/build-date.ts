/**
 * Environment → the date a build records (PDF dates, draft marks).
 */

/**
 * The build date: `SOURCE_DATE_EPOCH` when set, for reproducible builds, else now.
 *
 * @returns The date.
 */
export function buildDate(): Date {
  const epoch = Number(process.env['SOURCE_DATE_EPOCH']);
  return Number.isFinite(epoch) && process.env['SOURCE_DATE_EPOCH'] ? new Date(epoch * 1000) : new Date();
}
