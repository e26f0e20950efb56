/** Checking that every relative link and anchor of a built site resolves on disk. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Every file below a folder, as paths relative to it.
 *
 * @param dir Folder.
 * @returns Sorted relative paths.
 */
export function listFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) =>
      statSync(join(dir, name)).isDirectory() ? listFiles(join(dir, name)).map((child) => `${name}/${child}`) : [name],
    )
    .sort();
}

/**
 * Relative `href` and `src` targets that do not exist, and `#fragments` with no such id.
 *
 * @param site Site root.
 * @returns One line per broken link: `page → url`; empty when all resolve.
 */
export function brokenLinks(site: string): string[] {
  const broken: string[] = [];
  for (const page of listFiles(site).filter((name) => name.endsWith('.html'))) {
    const html = readFileSync(join(site, page), 'utf8');
    for (const [, url] of html.matchAll(/(?:href|src)="([^"]+)"/g)) {
      if (!url || /^[a-z]+:/i.test(url)) continue;
      const [path, fragment] = url.split('#');
      const target = path ? resolve(dirname(join(site, page)), path) : join(site, page);
      if (!existsSync(target)) broken.push(`${page} → ${url}`);
      else if (fragment && !readFileSync(target, 'utf8').includes(`id="${fragment}"`))
        broken.push(`${page} → ${url} (no such id)`);
    }
  }
  return broken;
}
