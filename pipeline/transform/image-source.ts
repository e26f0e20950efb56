/**
 * What an image's `src` and alt text must be, without looking at any file: shared by the build
 * (`rehypeImages`) and the submission form, which runs in a browser.
 */
import type { Element } from 'hast';
import type { VFile } from 'vfile';
import { error, warn } from '../model/message.js';

/** Where an image is looked for, as a path: relative to the Markdown file, or to the root. */
export interface ImagePath {
  /** The path, decoded, without query or fragment. */
  path: string;
  /** From the content root (`/images/x.png`) rather than from the Markdown file. */
  fromRoot: boolean;
}

/**
 * Check an image's alt text and `src`; the `src` is taken off the element (the original URL never
 * reaches an output or the print browser). A URL is an error in a case (which must bring its
 * images) and a warning in a chapter.
 *
 * @param node The `img` element.
 * @param file Its file (`data.kind` tells a case from a chapter).
 * @returns The path to look for, `'remote'` for a URL, or `undefined` after an error.
 */
export function imageSource(node: Element, file: VFile): ImagePath | 'remote' | undefined {
  const src = String(node.properties['src'] ?? '');
  const place = node.position;
  delete node.properties['src'];
  if (String(node.properties['alt'] ?? '').trim() === '') {
    // Case studies are published as submitted, so their images must be described; in
    // chapters the editors decide.
    const report = file.data.kind === 'case' ? error : warn;
    report(file, 'Missing alt text, expected a description of the image in `![…](…)`', place, 'image-alt');
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith('//')) {
    // Nothing is ever fetched. A case must bring its images; in a chapter the editors decide,
    // and the image gives way to its alt text.
    if (file.data.kind === 'case')
      error(file, `Unexpected image URL \`${src}\`, expected a path to a file in the project`, place, 'image-remote');
    else
      warn(
        file,
        `Unexpected image URL \`${src}\`, expected a path to a file in the project: the image is left out, its alt text shown`,
        place,
        'image-remote',
      );
    return 'remote';
  }
  if (src === '') {
    error(file, 'Missing image `src`, expected a path to a file in the project', place, 'image-path');
    return undefined;
  }
  if (src.startsWith('\\')) {
    error(file, `Unexpected image path \`${src}\`, expected a path relative to the Markdown file`, place, 'image-path');
    return undefined;
  }
  try {
    const path = decodeURIComponent(src.split(/[?#]/)[0] ?? '');
    return { path, fromRoot: path.startsWith('/') };
  } catch {
    error(file, `Unexpected image path \`${src}\`, expected a valid URL path`, place, 'image-path');
    return undefined;
  }
}

/**
 * Report an image that is not where its `src` points.
 *
 * @param file Its file.
 * @param node The `img` element.
 * @param src The `src` as written.
 * @param expected Where the file was looked for, from the content root.
 * @param guess A file of a near name, if any.
 */
export function missingImage(file: VFile, node: Element, src: string, expected: string, guess?: string): void {
  error(
    file,
    `Missing image \`${src}\`, expected a file at \`${expected}\`${guess ? `: did you mean \`${guess}\`?` : ''}`,
    node.position,
    'image-missing',
  );
}
