/**
 * A BibTeX, biblatex or CSL-JSON file → CSL items, each bad entry a located message naming it.
 */
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import { location } from 'vfile-location';
import { readSource } from '../load/read.js';
import { error, warn } from '../model/message.js';
import {
  droppedFields,
  expandCommands,
  leftoverCommands,
  lentFields,
  rawField,
  scanBlocks,
  tidyItem,
  type Block,
} from './biblatex.js';
import type { CslItem } from './engine.js';
import { validItem } from './csl-json.js';

/** The works a book can cite. */
export interface Bibliography {
  file: VFile;
  /** Key → CSL item. */
  items: Map<string, CslItem>;
  /** `@set` key → the keys of its members: citing the set cites them. */
  sets: Map<string, string[]>;
  /** Key → the warning that its entry could not be read; made an error when the key is cited. */
  broken: Map<string, VFileMessage>;
  /** Key → where its entry starts in the file. */
  places: Map<string, { line: number; column: number }>;
}

/**
 * citation-js, loaded on first use: most builds cite nothing and should not pay for it.
 *
 * @returns Its core module, with the BibTeX plugin registered.
 */
async function citationJs() {
  const core = await import('@citation-js/core');
  await import('@citation-js/plugin-bibtex');
  core.logger.level = 'silent';
  return core;
}

/**
 * Read a bibliography. BibTeX and biblatex are read entry by entry, so that one broken entry is
 * reported by key and line and the others still work; a broken entry is a warning until it is
 * cited.
 *
 * @param root Content root.
 * @param path Path relative to the root, `.bib` or `.json`.
 * @param maxSize Largest file accepted, in bytes.
 * @returns The items; problems are messages on `file`.
 */
export async function loadBibliography(root: string, path: string, maxSize: number): Promise<Bibliography> {
  const file = await readSource(root, path, maxSize);
  const bibliography: Bibliography = { file, items: new Map(), sets: new Map(), broken: new Map(), places: new Map() };
  if (file.messages.length > 0) return bibliography;
  if (path.endsWith('.json')) await readCslJson(bibliography);
  else await readBibtex(bibliography);
  return bibliography;
}

function add(bibliography: Bibliography, item: CslItem, place: { line: number; column: number }): void {
  if (bibliography.items.has(item.id) || bibliography.sets.has(item.id)) {
    error(
      bibliography.file,
      `Unexpected duplicate key \`${item.id}\`, expected each key once`,
      place,
      'bibliography-duplicate',
    );
  } else {
    bibliography.items.set(item.id, item);
    bibliography.places.set(item.id, place);
  }
}

async function readCslJson(bibliography: Bibliography): Promise<void> {
  const { file } = bibliography;
  const text = String(file.value);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    error(
      file,
      `Unexpected JSON: ${cause instanceof Error ? cause.message : String(cause)}`,
      { line: 1, column: 1 },
      'bibliography-parse',
    );
    return;
  }
  const { Cite } = await citationJs();
  for (const [index, entry] of (Array.isArray(data) ? data : []).entries()) {
    const id =
      typeof entry === 'object' && entry && 'id' in entry ? String((entry as { id: unknown }).id) : `#${index + 1}`;
    const line = (text.slice(0, Math.max(0, text.indexOf(`"${id}"`))).match(/\n/g)?.length ?? 0) + 1;
    try {
      for (const item of new Cite(entry, { forceType: '@csl/object' }).data)
        add(bibliography, cslItem(file, item, { line, column: 1 }), { line, column: 1 });
    } catch {
      bibliography.broken.set(id, brokenEntry(file, id, 'expected a CSL-JSON item', { line, column: 1 }));
    }
  }
}

async function readBibtex(bibliography: Bibliography): Promise<void> {
  const { file } = bibliography;
  const { Cite } = await citationJs();
  const points = location(file);
  const blocks = scanBlocks(String(file.value));
  // Macros are global; an entry is read with the ones it (or a macro it uses) names, not all of
  // them: a file of hundreds of macros would be read again for every entry.
  const macros = new Map(
    blocks.flatMap((block) =>
      block.type === 'string' && !block.problem
        ? [[/^@string\s*[{(]\s*([^\s=]+)/i.exec(block.text)?.[1]?.toLowerCase() ?? '', block.text] as const]
        : [],
    ),
  );
  const stringsFor = (text: string): string => {
    const used = new Set<string>();
    const pending = [text];
    for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
      for (const word of next.match(/[A-Za-z_][\w:.+-]*/g) ?? []) {
        const name = word.toLowerCase();
        const macro = macros.get(name);
        if (macro === undefined || used.has(name)) continue;
        used.add(name);
        pending.push(macro);
      }
    }
    return [...used].map((name) => macros.get(name)).join('\n');
  };
  const byKey = new Map(blocks.filter((block) => block.key).map((block) => [block.key.toLowerCase(), block]));
  const lent = new Map<string, Record<string, unknown>>();
  const parse = (block: Block): CslItem | string => {
    // An entry is read together with the entries it inherits from (`crossref`), nearest last.
    const chain: Block[] = [];
    for (let parent = rawField(block.text, 'crossref'); parent && chain.length < 8;) {
      const found = byKey.get(parent.toLowerCase());
      if (!found) break;
      // citation-js follows `crossref` itself, and a cycle overflows its stack.
      if (found === block || chain.includes(found))
        return `expected \`crossref\` to lead to an entry that does not lead back (${[block, ...chain.slice().reverse(), found].map((entry) => `\`${entry.key}\``).join(' → ')})`;
      chain.unshift(found);
      parent = rawField(found.text, 'crossref');
    }
    try {
      const texts = [...chain.map((entry) => entry.text), block.text];
      const items = new Cite([stringsFor(texts.join('\n')), ...texts].map(expandCommands).join('\n'), {
        forceType: '@biblatex/text',
      }).data as CslItem[];
      return items.find((item) => item.id === block.key) ?? 'expected an entry with a key';
    } catch (cause) {
      // citation-js says where in the field's value it stopped, not where in the file.
      const reason =
        (cause instanceof Error ? cause.message : String(cause))
          .split('\n')[0]
          ?.replace(/ at line \d+ col \d+:?$/, '') ?? '';
      return `could not read it (${reason || 'not valid BibTeX'}): check its braces, quotes and LaTeX commands`;
    }
  };
  for (const block of blocks) {
    if (block.type === 'string' || block.type === 'preamble') continue;
    const place = points.toPoint(block.offset) ?? { line: 1, column: 1 };
    if (!block.key) {
      error(
        file,
        `Unexpected \`@${block.type}\` without a key, expected \`@${block.type}{key, …}\``,
        place,
        'bibliography-parse',
      );
      continue;
    }
    if (block.problem) {
      bibliography.broken.set(block.key, brokenEntry(file, block.key, block.problem, place));
      continue;
    }
    if (block.type === 'set') {
      const members = (rawField(block.text, 'entryset') ?? '')
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean);
      const sets = members.filter((member) => byKey.get(member.toLowerCase())?.type === 'set');
      if (members.length === 0 || sets.length > 0) {
        const broken = brokenEntry(
          file,
          block.key,
          sets.length > 0
            ? `expected \`entryset\` to name entries, not sets (${sets.map((member) => `\`${member}\``).join(', ')})`
            : 'expected `entryset = {a, b}` naming its members',
          place,
        );
        if (sets.length > 0) broken.fatal = true;
        bibliography.broken.set(block.key, broken);
      } else bibliography.sets.set(block.key, members);
      continue;
    }
    const parsed = parse(block);
    if (typeof parsed === 'string') {
      const broken = brokenEntry(file, block.key, parsed, place);
      // A cycle is a mistake whether or not the entry is cited.
      if (parsed.includes('does not lead back')) broken.fatal = true;
      bibliography.broken.set(block.key, broken);
      continue;
    }
    const item = cslItem(file, parsed, place);
    if (block.type === 'xdata') {
      lent.set(block.key.toLowerCase(), lentFields(item));
      continue;
    }
    for (const field of droppedFields(block.text)) {
      warn(
        file,
        `Unexpected field \`${field}\` in \`${block.key}\`, dropped: no CSL variable holds it`,
        place,
        'bibliography-field-dropped',
      );
    }
    for (const [field, command] of leftoverCommands(item)) {
      warn(
        file,
        `Unexpected LaTeX command \`${command}\` in \`${field}\` of \`${block.key}\`, printed as written`,
        place,
        'bibliography-latex',
      );
    }
    add(bibliography, item, place);
  }
  // `xdata = {a, b}`: fields the entry lacks come from those entries, in order.
  for (const block of blocks) {
    const names = rawField(block.text, 'xdata');
    const item = bibliography.items.get(block.key);
    if (!names || !item) continue;
    for (const name of names.split(',').map((key) => key.trim().toLowerCase())) {
      const fields = lent.get(name);
      if (!fields) {
        warn(
          file,
          `Unexpected \`xdata = ${name}\` in \`${block.key}\`, expected the key of an \`@xdata\` entry`,
          points.toPoint(block.offset) ?? { line: 1, column: 1 },
          'bibliography-xdata',
        );
        continue;
      }
      for (const [field, value] of Object.entries(fields)) if (item[field] === undefined) item[field] = value;
    }
  }
  // A set cites its members that exist; citeproc cannot format one it does not have. A set
  // without any is broken, an error where it is cited.
  for (const [key, members] of bibliography.sets) {
    const missing = members.filter((member) => !bibliography.items.has(member));
    if (missing.length === 0) continue;
    const kept = members.filter((member) => bibliography.items.has(member));
    const reason = `Unexpected member${missing.length > 1 ? 's' : ''} ${missing.map((member) => `\`${member}\``).join(', ')} of \`@set\` \`${key}\`, expected keys of readable entries: ${kept.length > 0 ? 'left out of the set' : 'the set is left out'}`;
    const place = points.toPoint(byKey.get(key.toLowerCase())?.offset ?? 0) ?? { line: 1, column: 1 };
    warn(file, reason, place, 'bibliography-set');
    if (kept.length > 0) bibliography.sets.set(key, kept);
    else {
      bibliography.sets.delete(key);
      bibliography.broken.set(key, file.messages.at(-1) as VFileMessage);
    }
  }
}

/**
 * An item as citeproc can read it: tidied, every variable of its CSL type; what could not be
 * made so is dropped, with a warning at the entry.
 */
function cslItem(file: VFile, raw: CslItem, place: { line: number; column: number }): CslItem {
  const { item, dropped } = validItem(tidyItem(raw));
  for (const field of dropped)
    warn(
      file,
      `Unexpected value of \`${field}\` in \`${item.id}\`, dropped: expected what CSL-JSON holds there (text, a number, names or a date)`,
      place,
      'bibliography-field-dropped',
    );
  return item;
}

/** A warning that an entry cannot be read; the entry is left out. */
export function brokenEntry(
  file: VFile,
  key: string,
  reason: string,
  place: { line: number; column: number },
): VFileMessage {
  warn(file, `Unexpected bibliography entry \`${key}\`, left out: ${reason}`, place, 'bibliography-parse');
  return file.messages.at(-1) as VFileMessage;
}
