/**
 * A BibTeX or CSL-JSON file → CSL items, each bad entry a located message naming it.
 */
import type { CslItem } from '@citation-js/core';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { error } from '../message.js';
import { readSource } from './read.js';

/** The works a book can cite. */
export interface Bibliography {
  file: VFile;
  /** Key → CSL item. */
  items: Map<string, CslItem>;
}

/**
 * citation-js, loaded on first use: most builds cite nothing and should not pay for it.
 *
 * @returns Its core module, with the BibTeX and CSL plugins registered.
 */
export async function citationJs() {
  const core = await import('@citation-js/core');
  await import('@citation-js/plugin-bibtex');
  await import('@citation-js/plugin-csl');
  core.logger.level = 'silent';
  return core;
}

/**
 * Read a bibliography. BibTeX is split into entries and each is parsed on its own, so that one
 * broken entry is reported by key and line and the others still work.
 *
 * @param root Content root.
 * @param path Path relative to the root, `.bib` or `.json`.
 * @param maxSize Largest file accepted, in bytes.
 * @returns The items; problems are messages on `file`.
 */
export async function loadBibliography(root: string, path: string, maxSize: number): Promise<Bibliography> {
  const file = await readSource(root, path, maxSize);
  const items = new Map<string, CslItem>();
  if (file.messages.length > 0) return { file, items };
  const { Cite } = await citationJs();
  const text = String(file.value);
  const points = location(file);
  const add = (item: CslItem, place: { line: number; column: number }) => {
    if (items.has(item.id)) error(file, `Unexpected duplicate key \`${item.id}\`, expected each key once`, place, 'bibliography-duplicate');
    else items.set(item.id, item);
  };
  if (path.endsWith('.json')) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (cause) {
      error(file, `Unexpected JSON: ${cause instanceof Error ? cause.message : String(cause)}`, { line: 1, column: 1 }, 'bibliography-parse');
      return { file, items };
    }
    for (const [index, entry] of (Array.isArray(data) ? data : []).entries()) {
      const id = typeof entry === 'object' && entry && 'id' in entry ? String((entry as { id: unknown }).id) : `#${index + 1}`;
      const line = (text.slice(0, Math.max(0, text.indexOf(`"${id}"`))).match(/\n/g)?.length ?? 0) + 1;
      try {
        for (const item of new Cite(entry, { forceType: '@csl/object' }).data) add(item, { line, column: 1 });
      } catch {
        error(file, `Unexpected bibliography entry \`${id}\`, expected a CSL-JSON item`, { line, column: 1 }, 'bibliography-parse');
      }
    }
    return { file, items };
  }
  for (const entry of bibtexEntries(text)) {
    const place = points.toPoint(entry.offset) ?? { line: 1, column: 1 };
    let parsed: CslItem[] = [];
    try {
      parsed = new Cite(entry.text, { forceType: '@bibtex/text' }).data;
    } catch {
      parsed = [];
    }
    if (parsed.length !== 1 || !entry.closed) {
      error(file, `Unexpected bibliography entry \`${entry.key}\`, expected valid BibTeX`, place, 'bibliography-parse');
      continue;
    }
    for (const item of parsed) add(item, place);
  }
  return { file, items };
}

/** BibTeX entries with their key and offset; `@comment`, `@string` and `@preamble` are skipped. */
function bibtexEntries(text: string): { key: string; text: string; offset: number; closed: boolean }[] {
  const entries: { key: string; text: string; offset: number; closed: boolean }[] = [];
  const start = /@([A-Za-z]+)\s*[{(]/g;
  let match: RegExpExecArray | null;
  while ((match = start.exec(text))) {
    const type = (match[1] ?? '').toLowerCase();
    // Count only the kind of bracket that opened the entry: `@book(key, title = {A (B)})`.
    const [open, close] = match[0].endsWith('(') ? ['(', ')'] : ['{', '}'];
    let depth = 0;
    let end = match.index + match[0].length - 1;
    for (; end < text.length; end++) {
      const char = text[end];
      if (char === open) depth++;
      else if (char === close) depth--;
      if (depth === 0) break;
    }
    const closed = end < text.length;
    const body = text.slice(match.index, closed ? end + 1 : text.length);
    start.lastIndex = closed ? end + 1 : text.length;
    if (['comment', 'string', 'preamble'].includes(type)) continue;
    const key = /^@[A-Za-z]+\s*[{(]\s*([^,\s]+)/.exec(body)?.[1] ?? '?';
    entries.push({ key, text: body, offset: match.index, closed });
  }
  return entries;
}
