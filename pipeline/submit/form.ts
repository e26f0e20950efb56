/**
 * The submission form's script, compiled for the browser into the page (`bundle.ts`): it writes
 * the case's Markdown from the fields as the submitter types, checks it with `checkSubmission`
 * (the pipeline's own checks), shows each problem at its field and the sanitised preview, keeps
 * the draft in the browser, and saves `cases/<slug>.md` (with its images, a `.zip`). Nothing is
 * sent anywhere.
 */
import { strToU8, zipSync } from 'fflate';
import { toHtml } from 'hast-util-to-html';
import { stringify } from 'yaml';
import { format } from '../data/languages/index.js';
import { checkSubmission } from './check.js';
import { casePath, imageFolder, imageReference, slugFromTitle } from './layout.js';
import type { FieldSpec, FormSpec } from './spec.js';

/** An image the submitter attached. */
interface Attached {
  bytes: Uint8Array;
  alt: string;
  /** Index of the section it is shown at the end of. */
  section: number;
  url: string;
}

/** What the browser keeps of a draft. */
interface Draft {
  values: Record<string, string>;
  sdgs: number[];
  slugEdited: boolean;
  images: { name: string; alt: string; section: number; data: string }[];
}

const spec = JSON.parse(document.getElementById('form-spec')?.textContent ?? '{}') as FormSpec;
const form = document.getElementById('submission') as HTMLFormElement;
const images = new Map<string, Attached>();
let slugEdited = false;
let latest = 0;
let blocked = true;

const element = <T extends Element>(selector: string) => form.querySelector<T>(selector);
const input = (name: string) => element<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(`[name="${name}"]`);
const value = (name: string) => input(name)?.value.trim() ?? '';
const checkedSdgs = () =>
  [...form.querySelectorAll<HTMLInputElement>('input[name="sdgs"]:checked')].map((box) => Number(box.value));

/** A YAML scalar or flow list for a value, on as many lines as it needs. */
const yamlValue = (data: unknown) => stringify(data, { lineWidth: 0, collectionStyle: 'flow' }).trimEnd().split('\n');

/** The country code for what was typed: a name in the form's language or English, or a code. */
const countryCode = (typed: string) => spec.countryCodes[typed.toLowerCase()] ?? typed;

/** A field's value for the front matter, or `undefined` when left empty. */
function fieldValue(field: FieldSpec): unknown {
  if (field.kind === 'sdgs') {
    const list = checkedSdgs();
    return list.length > 0 ? list : undefined;
  }
  const text = value(field.key);
  if (text === '') return undefined;
  if (field.kind === 'list')
    return text
      .split(/[,，、]/)
      .map((item) => item.trim())
      .filter((item) => item !== '');
  if (field.kind === 'country') return countryCode(text);
  return text;
}

/** The slug the case is saved under. */
const slug = () => value('slug');

/**
 * The case's Markdown, and which field each of its lines came from (to show a problem at it).
 */
function compose(): { text: string; lineFields: string[] } {
  const lines: string[] = ['---'];
  const lineFields: string[] = ['slug'];
  const add = (field: string, ...more: string[]) => {
    lines.push(...more);
    lineFields.push(...more.map(() => field));
  };
  let parent = '';
  for (const field of spec.fields) {
    const data = fieldValue(field);
    if (data === undefined) continue;
    const [head, key] = field.key.includes('.') ? field.key.split('.') : [undefined, field.key];
    if (head && head !== parent) add(field.key, `${head}:`);
    parent = head ?? '';
    const [first = '', ...rest] = yamlValue(data);
    const indent = head ? '  ' : '';
    add(field.key, `${indent}${key}: ${first}`, ...rest.map((line) => `${indent}${line}`));
  }
  if (spec.language !== spec.bookLanguage) add('slug', `language: ${spec.language}`);
  add('slug', '---');
  spec.sections.forEach((name, index) => {
    const body = value(`section-${index}`);
    const shown = [...images].filter(([, image]) => image.section === index);
    if (body === '' && shown.length === 0) return;
    add(`section-${index}`, '', `## ${name}`, '');
    if (body !== '') add(`section-${index}`, ...body.split(/\r?\n/));
    for (const [name, image] of shown)
      add(`image:${name}`, '', `![${image.alt.replace(/[[\]\\]/g, '\\$&')}](${imageReference(slug(), name)})`);
  });
  return { text: `${lines.join('\n')}\n`, lineFields };
}

/** The field a message is about: named in it (`contact.email`, `## Impact`), or where its line came from. */
function fieldOf(
  message: { reason: string; line?: number | undefined; ruleId?: string | undefined },
  lineFields: string[],
) {
  const section = /`## ([^`]+)`/.exec(message.reason)?.[1];
  if (section !== undefined) {
    const index = spec.sections.findIndex((name) => name.toLowerCase() === section.toLowerCase());
    if (index !== -1) return `section-${index}`;
  }
  const named = [...message.reason.matchAll(/`([a-z][\w.]*)(?:\[\d+\])?`/g)].map((match) => match[1]);
  const key = spec.fields.find((field) => named.includes(field.key))?.key;
  if (key && /^Missing /.test(message.reason)) return key;
  if (message.ruleId === 'case-slug' || message.ruleId === 'file-size') return 'slug';
  return lineFields[(message.line ?? 1) - 1] ?? key ?? 'slug';
}

/** The control a field's problems are shown at. */
function controlOf(field: string): HTMLElement | null {
  if (field.startsWith('image:')) return element(`[name="alt:${CSS.escape(field.slice(6))}"]`);
  if (field === 'sdgs') return element('#field-sdgs');
  return input(field);
}

/** Check the case as it stands; show its problems and its preview. */
async function check(): Promise<void> {
  const run = ++latest;
  const { text, lineFields } = compose();
  const checked = await checkSubmission(
    { slug: slug(), text, images: new Map([...images].map(([name, image]) => [name, image.bytes])) },
    { language: spec.bookLanguage, countries: spec.countries, labels: spec.labels },
  );
  if (run !== latest) return;
  for (const old of form.querySelectorAll('.field-problem')) old.remove();
  for (const old of form.querySelectorAll('[aria-invalid]')) old.removeAttribute('aria-invalid');
  const list = document.getElementById('problem-list') as HTMLOListElement;
  list.replaceChildren();
  const messages = [
    ...checked.file.messages.map((message) => ({ message, field: fieldOf(message, lineFields) })),
    ...checked.images.flatMap((file) =>
      file.messages.map((message) => ({ message, field: `image:${file.basename ?? ''}` })),
    ),
  ];
  let errors = 0;
  for (const { message, field } of messages) {
    const fatal = message.fatal === true;
    if (fatal) errors++;
    const control = controlOf(field);
    const id = control?.id ?? 'field-slug';
    const item = document.createElement('li');
    item.className = fatal ? 'error' : 'warning';
    item.dataset['rule'] = message.ruleId ?? '';
    item.dataset['field'] = field;
    const link = document.createElement('a');
    link.href = `#${id}`;
    link.textContent = `${message.reason} [${message.ruleId ?? ''}]`;
    item.append(link);
    list.append(item);
    if (control) {
      if (fatal) control.setAttribute('aria-invalid', 'true');
      const note = document.createElement('p');
      note.className = `field-problem ${fatal ? 'error' : 'warning'}`;
      note.id = `problem-${id}-${list.children.length}`;
      note.textContent = message.reason;
      const holder = control.closest('.field') ?? control.parentElement;
      holder?.append(note);
      control.setAttribute(
        'aria-describedby',
        [
          ...(control.getAttribute('aria-describedby') ?? '')
            .split(' ')
            .filter((ref) => ref && !ref.startsWith('problem-')),
          note.id,
        ].join(' '),
      );
    }
  }
  const summary = document.getElementById('problem-summary') as HTMLElement;
  summary.textContent =
    messages.length === 0
      ? spec.words.noProblems
      : format(spec.words.problemCount, { errors, warnings: messages.length - errors });
  blocked = errors > 0;
  const save = document.getElementById('save') as HTMLButtonElement;
  save.setAttribute('aria-disabled', String(blocked));
  (document.getElementById('save-note') as HTMLElement).textContent = blocked ? spec.words.saveBlocked : '';
  (document.getElementById('markdown') as HTMLElement).textContent = text;
  const preview = document.getElementById('preview-body') as HTMLElement;
  preview.innerHTML = toHtml(checked.body);
  for (const img of preview.querySelectorAll('img')) {
    const image = images.get(img.getAttribute('src') ?? '');
    if (image) img.src = image.url;
  }
  for (const counter of form.querySelectorAll<HTMLElement>('[data-count]')) {
    const field = spec.fields.find((candidate) => candidate.key === counter.dataset['count']);
    counter.textContent = format(spec.words.count, {
      count: value(counter.dataset['count'] ?? '').length,
      min: field?.min ?? 0,
      max: field?.max ?? 0,
    });
  }
}

/** Base64 of bytes, for the draft. */
const toBase64 = (bytes: Uint8Array) => {
  let text = '';
  for (let at = 0; at < bytes.length; at += 0x8000) text += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(text);
};
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (char) => char.charCodeAt(0));

/** Keep the draft in the browser (images too, while they fit). */
function keep(): void {
  const values: Record<string, string> = {};
  for (const control of form.querySelectorAll<HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement>(
    '[name]:not([type="file"]):not([name="sdgs"])',
  ))
    values[control.name] = control.value;
  const draft: Draft = {
    values,
    sdgs: checkedSdgs(),
    slugEdited,
    images: [...images].map(([name, image]) => ({
      name,
      alt: image.alt,
      section: image.section,
      data: toBase64(image.bytes),
    })),
  };
  try {
    localStorage.setItem(spec.storageKey, JSON.stringify(draft));
  } catch {
    // Images beyond the browser's quota: keep the words.
    try {
      localStorage.setItem(spec.storageKey, JSON.stringify({ ...draft, images: [] }));
    } catch {
      // Storage refused (a private window): the draft lives as long as the page.
    }
  }
}

/** Show an attached image's row: its description, where it is shown, a remove button. */
function showImage(name: string): void {
  const image = images.get(name);
  const template = document.getElementById('image-row') as HTMLTemplateElement | null;
  if (!image || !template) return;
  const row = (template.content.firstElementChild as HTMLElement).cloneNode(true) as HTMLElement;
  row.dataset['image'] = name;
  const id = `image-${[...images.keys()].indexOf(name)}`;
  for (const label of row.querySelectorAll('label')) label.htmlFor = `${id}-${label.dataset['for'] ?? ''}`;
  (row.querySelector('.image-name') as HTMLElement).textContent = name;
  const thumbnail = row.querySelector('img');
  if (thumbnail) thumbnail.src = image.url;
  const alt = row.querySelector('[data-role="alt"]') as HTMLInputElement;
  alt.id = `${id}-alt`;
  alt.name = `alt:${name}`;
  alt.value = image.alt;
  alt.addEventListener('input', () => {
    image.alt = alt.value;
    changed();
  });
  const section = row.querySelector('[data-role="section"]') as HTMLSelectElement;
  section.id = `${id}-section`;
  section.value = String(image.section);
  section.addEventListener('change', () => {
    image.section = Number(section.value);
    changed();
  });
  (row.querySelector('[data-role="remove"]') as HTMLButtonElement).addEventListener('click', () => {
    URL.revokeObjectURL(image.url);
    images.delete(name);
    row.remove();
    changed();
  });
  document.getElementById('image-list')?.append(row);
}

/** Attach an image. */
function attach(name: string, bytes: Uint8Array, alt = '', section = spec.sections.length - 1): void {
  const old = images.get(name);
  if (old) URL.revokeObjectURL(old.url);
  const url = URL.createObjectURL(new Blob([bytes as BlobPart]));
  images.set(name, { bytes, alt, section, url });
  document.querySelector(`[data-image="${CSS.escape(name)}"]`)?.remove();
  showImage(name);
}

let timer: ReturnType<typeof setTimeout> | undefined;
/** After any change: check (debounced) and keep the draft. */
function changed(): void {
  clearTimeout(timer);
  timer = setTimeout(() => {
    keep();
    void check();
  }, 150);
}

/** Restore the draft kept in the browser, if any. */
function restore(): void {
  let draft: Draft | undefined;
  try {
    draft = JSON.parse(localStorage.getItem(spec.storageKey) ?? 'null') as Draft | undefined;
  } catch {
    draft = undefined;
  }
  if (!draft) return;
  for (const [name, text] of Object.entries(draft.values)) {
    const control = input(name);
    if (control && !name.startsWith('alt:')) control.value = text;
  }
  for (const box of form.querySelectorAll<HTMLInputElement>('input[name="sdgs"]'))
    box.checked = draft.sdgs.includes(Number(box.value));
  slugEdited = draft.slugEdited;
  for (const image of draft.images) attach(image.name, fromBase64(image.data), image.alt, image.section);
  (document.getElementById('draft-note') as HTMLElement).hidden = false;
}

/** Offer a file for download. */
function download(name: string, bytes: Uint8Array, type: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
}

form.addEventListener('input', (event) => {
  const target = event.target as HTMLInputElement;
  if (target.name === 'slug') slugEdited = target.value !== '';
  if (target.name === 'title' && !slugEdited) {
    const slugInput = input('slug');
    if (slugInput) slugInput.value = slugFromTitle(target.value);
  }
  if (target.type !== 'file') changed();
});
form.addEventListener('change', (event) => {
  const target = event.target as HTMLInputElement;
  if (target.type !== 'file' || !target.files) return;
  void Promise.all(
    [...target.files].map(async (file) => attach(file.name, new Uint8Array(await file.arrayBuffer()))),
  ).then(() => {
    target.value = '';
    changed();
  });
});
form.addEventListener('submit', (event) => {
  event.preventDefault();
  void (async () => {
    clearTimeout(timer);
    await check();
    const note = document.getElementById('save-note') as HTMLElement;
    if (blocked) {
      document.querySelector<HTMLElement>('#problem-list a')?.focus();
      return;
    }
    const { text } = compose();
    const name = images.size === 0 ? `${slug()}.md` : `${slug()}.zip`;
    if (images.size === 0) download(name, strToU8(text), 'text/markdown');
    else
      download(
        name,
        zipSync({
          [casePath(slug())]: strToU8(text),
          ...Object.fromEntries([...images].map(([file, image]) => [`${imageFolder(slug())}/${file}`, image.bytes])),
        }),
        'application/zip',
      );
    note.textContent = format(spec.words.saved, { file: name });
  })();
});
document.getElementById('clear')?.addEventListener('click', () => {
  localStorage.removeItem(spec.storageKey);
  for (const image of images.values()) URL.revokeObjectURL(image.url);
  images.clear();
  document.getElementById('image-list')?.replaceChildren();
  form.reset();
  slugEdited = false;
  (document.getElementById('draft-note') as HTMLElement).hidden = true;
  void check();
});

restore();
void check().then(() => document.body.setAttribute('data-ready', ''));
