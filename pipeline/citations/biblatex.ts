/**
 * BibTeX or biblatex text → CSL items, entry by entry, each problem located at its entry.
 *
 * citation-js's biblatex reader does the field mapping (`date`, `journaltitle`, `location`,
 * `langid`, `@string`, `crossref`); this module adds what it lacks: `xdata`, `@set`, LaTeX
 * commands it does not know, babel language names, readable thesis, report and patent types,
 * and a warning for every field it drops.
 */
import type { CslItem } from './engine.js';

/** One `@type{…}` block of the file. */
export interface Block {
  type: string;
  key: string;
  text: string;
  offset: number;
  /** Why the block is not well formed, if it is not. */
  problem?: string;
}

/**
 * Split BibTeX text into blocks. Text outside blocks is a comment, as in BibTeX. An entry whose
 * braces never close ends where the next line starting with `@` begins, so that one unbalanced
 * brace costs one entry, not the rest of the file.
 *
 * @param text The file's text.
 * @returns Blocks in file order, `@comment` left out.
 */
export function scanBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  const start = /@([A-Za-z]+)[ \t]*([{(])/g;
  let match: RegExpExecArray | null;
  while ((match = start.exec(text))) {
    const type = (match[1] ?? '').toLowerCase();
    // Count only the kind of bracket that opened the entry: `@book(key, title = {A (B)})`.
    const [open, close] = match[2] === '(' ? ['(', ')'] : ['{', '}'];
    let depth = 0;
    let end = match.index + match[0].length - 1;
    for (; end < text.length; end++) {
      const char = text[end];
      if (char === open) depth++;
      else if (char === close && --depth === 0) break;
    }
    let problem: string | undefined;
    if (end >= text.length) {
      const next = text.indexOf('\n@', match.index + 1);
      end = next === -1 ? text.length : next;
      problem = `expected \`${close}\` closing the entry${next === -1 ? ' before the end of the file' : ' before the next entry'}`;
    } else {
      end += 1;
    }
    start.lastIndex = end;
    if (type === 'comment') continue;
    const body = text.slice(match.index, end);
    const key =
      type === 'string' || type === 'preamble' ? '' : (/^@[A-Za-z]+\s*[{(]\s*([^,\s})]+)/.exec(body)?.[1] ?? '');
    blocks.push({ type, key, text: body, offset: match.index, ...(problem ? { problem } : {}) });
  }
  return blocks;
}

/** LaTeX commands citation-js prints as written, and what they stand for. */
const commands: [RegExp, string][] = [
  [/\\enquote\*\s*\{([^{}]*)\}/g, '‘$1’'],
  [/\\mkbibquote\s*\{([^{}]*)\}/g, '“$1”'],
  [/\\mkbibemph\s*\{/g, '\\emph{'],
  [/\\mkbibitalic\s*\{/g, '\\textit{'],
  [/\\mkbibbold\s*\{/g, '\\textbf{'],
  [/\\LaTeXe\b\s*(\{\})?/g, 'LaTeX2ε'],
  [/\\(La|Xe|Lua|Bib|pdf)?TeX\b\s*(\{\})?/g, '$1TeX'],
  [/\\ConTeXt\b\s*(\{\})?/g, 'ConTeXt'],
  [/\\(?:textendash|endash)\b\s*(\{\})?/g, '–'],
  [/\\(?:textemdash|emdash)\b\s*(\{\})?/g, '—'],
  [/\\(?:allowbreak|hyphen|slash)\b\s*(\{\})?/g, ''],
  [/\\(?:psqq)\b/g, ' ff.'],
  [/\\(?:psq)\b/g, ' f.'],
];

/**
 * Replace the LaTeX commands citation-js does not know by their text.
 *
 * @param text An entry's source.
 * @returns The source with those commands replaced.
 */
export function expandCommands(text: string): string {
  let result = text;
  for (const [pattern, replacement] of commands) result = result.replace(pattern, replacement);
  return result;
}

/** Fields citation-js maps to CSL variables (from its biblatex mapping). */
const mappedFields = new Set(
  `abstract addendum address annotation annote archiveprefix author bookauthor booksubtitle booktitle booktitleaddon chapter date day doi edition editor
  eid entrysubtype eprint eprintclass eprinttype eventdate eventtitle eventtitleaddon howpublished institution isan isbn ismn isrn issn issue
  issuesubtitle issuetitle issuetitleaddon iswc journal journalsubtitle journaltitle journaltitleaddon keywords langid language library
  location mainsubtitle maintitle maintitleaddon month note number numpages organization origdate origlocation origpublisher origtitle pages
  pagetotal part pmcid pmid primaryclass publisher pubstate school series shortjournal shortseries shorttitle subtitle title titleaddon
  translator type url urldate venue version volume volumes year bookpagination`.split(/\s+/),
);

/** Fields that hold bookkeeping, never printed by a style: dropped without a word. */
const quietFields = new Set(
  `crossref xdata entryset ids related relatedtype relatedstring relatedoptions options presort sortkey sortname sorttitle sortyear sortshorthand
  indexsorttitle indextitle label shorthand shortauthor shorteditor gender hyphenation langidopts file owner timestamp groups ranking readstatus
  comment comments mendeley-tags __markedentry keyword abstracturl citeulike-article-id citeulike-linkout-0 bdsk-url-1 bdsk-file-1 date-added
  date-modified creationdate modificationdate priority qualityassured printed`.split(/\s+/),
);

/**
 * The fields of an entry that citation-js drops and a style might have printed.
 *
 * @param text An entry's source.
 * @returns Field names in the order they appear.
 */
export function droppedFields(text: string): string[] {
  return fieldNames(text).filter((name) => !mappedFields.has(name) && !quietFields.has(name));
}

/**
 * The names of an entry's fields, read at brace depth one.
 *
 * @param text An entry's source.
 * @returns Lowercase field names.
 */
export function fieldNames(text: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let quoted = false;
  let atFieldStart = false;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '{' || (char === '(' && depth === 0)) depth++;
    else if (char === '}' || (char === ')' && depth === 1)) depth--;
    else if (char === '"' && depth === 1) quoted = !quoted;
    else if (char === ',' && depth === 1 && !quoted) atFieldStart = true;
    else if (atFieldStart && depth === 1 && /[A-Za-z_]/.test(char ?? '')) {
      const name = /^[A-Za-z_][\w+:.-]*(?=\s*=)/.exec(text.slice(index, index + 64))?.[0];
      if (name) {
        names.push(name.toLowerCase());
        index += name.length - 1;
      }
      atFieldStart = false;
    }
  }
  return names;
}

/** A field's raw value as written (`xdata = {a, b}` → `a, b`), or `undefined`. */
export function rawField(text: string, name: string): string | undefined {
  const match = new RegExp(String.raw`[,\s]${name}\s*=\s*(?:\{([^{}]*)\}|"([^"]*)"|([A-Za-z0-9_:.-]+))`, 'i').exec(
    text,
  );
  return match ? (match[1] ?? match[2] ?? match[3] ?? '').trim() : undefined;
}

/** babel and polyglossia language names → BCP 47, for CSL's `language`. */
const babel: Record<string, string> = {
  english: 'en-US',
  american: 'en-US',
  usenglish: 'en-US',
  british: 'en-GB',
  ukenglish: 'en-GB',
  australian: 'en-AU',
  canadian: 'en-CA',
  german: 'de-DE',
  ngerman: 'de-DE',
  austrian: 'de-AT',
  naustrian: 'de-AT',
  swissgerman: 'de-CH',
  french: 'fr-FR',
  spanish: 'es-ES',
  italian: 'it-IT',
  dutch: 'nl-NL',
  portuguese: 'pt-PT',
  brazil: 'pt-BR',
  brazilian: 'pt-BR',
  russian: 'ru-RU',
  polish: 'pl-PL',
  czech: 'cs-CZ',
  swedish: 'sv-SE',
  norwegian: 'nb-NO',
  danish: 'da-DK',
  finnish: 'fi-FI',
  greek: 'el-GR',
  turkish: 'tr-TR',
  chinese: 'zh-CN',
  schinese: 'zh-CN',
  tchinese: 'zh-TW',
  japanese: 'ja-JP',
  korean: 'ko-KR',
  vietnamese: 'vi-VN',
  thai: 'th-TH',
  indonesian: 'id-ID',
  bahasai: 'id-ID',
  malay: 'ms-MY',
  bahasam: 'ms-MY',
  hindi: 'hi-IN',
  arabic: 'ar',
  hebrew: 'he-IL',
};

/** biblatex's localisation keys in `type` → the genre a reader understands. */
const genres: Record<string, string> = {
  phdthesis: 'PhD thesis',
  mathesis: "Master's thesis",
  mastersthesis: "Master's thesis",
  candthesis: 'Candidate thesis',
  techreport: 'Technical report',
  resreport: 'Research report',
  software: 'Software',
  datacd: 'CD-ROM',
  audiocd: 'Audio CD',
  patent: 'Patent',
  patentde: 'German patent',
  patenteu: 'European patent',
  patentfr: 'French patent',
  patentuk: 'British patent',
  patentus: 'U.S. patent',
  patreq: 'Patent request',
  patreqde: 'German patent request',
  patreqeu: 'European patent request',
  patreqfr: 'French patent request',
  patrequk: 'British patent request',
  patrequs: 'U.S. patent request',
};

/**
 * Tidy an item citation-js made: babel language names as BCP 47 tags, localisation keys as
 * readable genres, citation-js's own bookkeeping removed.
 *
 * @param item An item from citation-js.
 * @returns A plain CSL item.
 */
export function tidyItem(item: CslItem): CslItem {
  const { _graph: _bookkeeping, 'citation-key': _key, ...rest } = item;
  const tidy: CslItem = { ...rest };
  // `language = {langlatin and langgerman}`: CSL has one language, the first.
  if (Array.isArray(tidy['language'])) tidy['language'] = tidy['language'][0];
  if (typeof tidy['language'] === 'string')
    tidy['language'] = babel[tidy['language'].toLowerCase()] ?? tidy['language'];
  if (typeof tidy['genre'] === 'string') tidy['genre'] = genres[tidy['genre'].toLowerCase()] ?? tidy['genre'];
  return tidy;
}

/** What an `xdata` entry lends: its fields, without what makes an item itself. */
export function lentFields(item: CslItem): Record<string, unknown> {
  const { id: _id, type: _type, ...fields } = item;
  return fields;
}

/**
 * LaTeX commands left in an item's text: citation-js printed them as written.
 *
 * @param item A CSL item.
 * @returns `[field, command]` pairs.
 */
export function leftoverCommands(item: CslItem): [string, string][] {
  const found: [string, string][] = [];
  for (const [field, value] of Object.entries(item)) {
    if (typeof value !== 'string') continue;
    for (const match of value.matchAll(/\\[A-Za-z]+\*?/g)) found.push([field, match[0]]);
  }
  return found;
}
