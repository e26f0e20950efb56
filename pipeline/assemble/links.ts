/**
 * Links between files of every part → where each leads in this edition, and messages for
 * links that lead nowhere.
 */
import type { VFile } from 'vfile';
import { warn } from '../model/message.js';
import { idSeparator } from '../transform/rehype-scope-ids.js';
import type { LinkTarget } from '../model/types.js';

/** A part a link can lead to: a chapter or a case of the edition. */
export interface LinkSource {
  file: VFile;
  kind: 'chapter' | 'case';
  slug: string;
  /** Id of its title: where a link without a fragment lands. */
  id: string;
  /** Its site page. */
  page: string;
  /** Prefix of its ids. */
  prefix: string;
  /** The main language's file of a translated chapter: links written against it still resolve. */
  original?: VFile | undefined;
}

/**
 * Resolve every link between files. A link names a chapter by its file (`02-ethics.md`), by its
 * slug as a folder (`../ethics/`) or by its page (`ethics.html`), relative to the linking file;
 * a case by its file or slug below `cases/`. Any of them may end in `#fragment`: the id of a
 * heading or element of the target as written in its source (`#a-heading`, `#公司的法律团队`).
 * A link that leads to no part, or to a fragment the part does not have, is a
 * `link-unresolved` warning; a link to a part with an unknown fragment still leads to the part.
 *
 * @param sources The edition's parts in book order.
 * @returns Link key → target, `null` where it leads nowhere in the book.
 */
export function resolveLinks(sources: readonly LinkSource[]): Map<string, LinkTarget | null> {
  const chapters = new Map(
    sources.filter((source) => source.kind === 'chapter').map((source) => [source.slug, source]),
  );
  const cases = new Map(sources.filter((source) => source.kind === 'case').map((source) => [source.slug, source]));
  const resolved = new Map<string, LinkTarget | null>();
  // Each target's ids, gathered once however many links lead to it.
  const idsOf = new Map<VFile, ReadonlySet<string>>();
  const ids = (target: LinkSource) => {
    let set = idsOf.get(target.file);
    if (!set) idsOf.set(target.file, (set = new Set(target.file.data.ids ?? [])));
    return set;
  };
  for (const { file } of sources) {
    for (const link of file.data.links ?? []) {
      const target = partOf(link.path, chapters, cases);
      if (!target) {
        warn(
          file,
          `Unexpected link to \`${link.href}\`, expected a chapter or case of the book (such as \`02-ethics.md\` or \`../cases/flood-early-warning.md\`)`,
          link.position,
          'link-unresolved',
        );
        resolved.set(link.key, null);
        continue;
      }
      if (link.fragment === '') {
        resolved.set(link.key, { page: target.page, id: target.id, top: true });
        continue;
      }
      const id = fragmentId(target, link.fragment, ids(target));
      if (!id) {
        warn(
          file,
          `Unexpected link to \`${link.href}\`: \`${target.file.path}\` has no heading or element \`#${link.fragment}\`; it leads to the top of the ${target.kind}`,
          link.position,
          'link-unresolved',
        );
      }
      resolved.set(
        link.key,
        id ? { page: target.page, id, top: false } : { page: target.page, id: target.id, top: true },
      );
    }
  }
  return resolved;
}

/**
 * The id a fragment names in a part. A translation has headings of its own language: a
 * fragment written against the original (`#oversight`, from a case shared by every edition)
 * leads to the translation's heading in the same place.
 *
 * @param ids The part's element ids.
 * @returns The id, or `undefined` when the part has no such element.
 */
function fragmentId(target: LinkSource, fragment: string, ids: ReadonlySet<string>): string | undefined {
  const candidates = [`${target.prefix}${idSeparator}${fragment}`, fragment];
  const own = candidates.find((candidate) => ids.has(candidate));
  if (own || !target.original) return own;
  const headings = target.original.data.headings ?? [];
  const index = headings.findIndex((heading) => candidates.includes(heading));
  const translated = target.file.data.headings ?? [];
  return index !== -1 && translated.length === headings.length ? translated[index] : undefined;
}

/**
 * The part a link's path names.
 *
 * @param path Path relative to the content root, normalised.
 * @returns The part, or `undefined`.
 */
function partOf(
  path: string,
  chapters: ReadonlyMap<string, LinkSource>,
  cases: ReadonlyMap<string, LinkSource>,
): LinkSource | undefined {
  const segments = path
    .replace(/\/index\.html$|\/$/, '')
    .split('/')
    .filter((segment) => segment !== '' && segment !== '.');
  const last = segments.at(-1);
  if (!last) return undefined;
  const name = last.replace(/\.(md|markdown|html?)$/i, '');
  if (segments.includes('cases')) return cases.get(name);
  return chapters.get(name.replace(/^\d+-/, '')) ?? chapters.get(name);
}
