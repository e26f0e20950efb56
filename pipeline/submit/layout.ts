/**
 * What a submission is: one case, `cases/<slug>.md`, and its images in `cases/images/<slug>/`,
 * within limits; which image types it may bring, told by their bytes, not their names. Shared by
 * the form (in a browser) and `whitepaper import`.
 */

/** The limits of one submission. */
export const submissionLimits = {
  /** Images one case may bring. */
  images: 20,
  /** Bytes of one image. */
  imageBytes: 10 * 1024 * 1024,
  /** Bytes of the case's Markdown. */
  caseBytes: 512 * 1024,
  /** Bytes of everything a submission unpacks to. */
  totalBytes: 64 * 1024 * 1024,
  /** Bytes of the submitted file itself. */
  fileBytes: 80 * 1024 * 1024,
} as const;

/** Image types a submission may bring, by the extension their name must have. */
export const imageTypes = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  webp: 'image/webp',
  svg: 'image/svg+xml',
} as const satisfies Record<string, string>;

/** Where a case's Markdown is, from the content root. */
export const casePath = (slug: string) => `cases/${slug}.md`;

/** Where a case's images are, from the content root. */
export const imageFolder = (slug: string) => `cases/images/${slug}`;

/** How the case's Markdown refers to one of its images. */
export const imageReference = (slug: string, name: string) => `images/${slug}/${name}`;

/** An image's file name as a submission keeps it: letters, digits, `-`, `_`, one `.` and an extension. */
export const imageName = /^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,99}$/;

/**
 * The type an image's bytes are, whatever its name says.
 *
 * @param bytes The file.
 * @returns Its MIME type, or `undefined` when it is none of `imageTypes`.
 */
export function sniffImage(bytes: Uint8Array): string | undefined {
  const starts = (...values: number[]) => values.every((value, index) => bytes[index] === value);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x52, 0x49, 0x46, 0x46) && String.fromCharCode(...bytes.subarray(8, 12)) === 'WEBP') return 'image/webp';
  // An SVG is text: an XML declaration, comments or white space, then `<svg`.
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
  if (/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE svg[^>]*>\s*)*<svg[\s>]/i.test(head))
    return 'image/svg+xml';
  return undefined;
}

/**
 * Check one image a submission brings: a name the book can keep, a type its extension and its
 * bytes agree on, a size within the limit.
 *
 * @param name The file name.
 * @param bytes The file.
 * @returns What is wrong, as a message (the rule is `submission-image`), or `undefined`.
 */
export function imageProblem(name: string, bytes: Uint8Array): string | undefined {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';
  const expected = `expected ${Object.keys(imageTypes)
    .map((type) => `\`.${type}\``)
    .join(', ')}`;
  if (!imageName.test(name) || !Object.hasOwn(imageTypes, extension))
    return `Unexpected image name \`${name}\`, ${expected} (letters, digits, \`-\` and \`_\`)`;
  if (bytes.length > submissionLimits.imageBytes)
    return `Unexpected image \`${name}\` of ${megabytes(bytes.length)}, expected at most ${megabytes(submissionLimits.imageBytes)}`;
  const type = sniffImage(bytes);
  if (type !== imageTypes[extension as keyof typeof imageTypes])
    return `Unexpected content in \`${name}\`: ${type ? `a \`${type}\` file` : 'not an image'}, expected what its name says (\`${imageTypes[extension as keyof typeof imageTypes]}\`)`;
  return undefined;
}

/** A size for a message: "10 MB". */
export const megabytes = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/**
 * A case's slug from its title: lowercase kebab-case of its Latin letters and digits, whole words
 * up to 60 characters; empty for a title without any (a Chinese title: the submitter types one).
 *
 * @param title The title.
 */
export function slugFromTitle(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  // Whole words up to 60 characters (a first word longer than that, cut).
  let slug = '';
  for (const word of words) {
    const longer = slug === '' ? word : `${slug}-${word}`;
    if (longer.length > 60) break;
    slug = longer;
  }
  return slug === '' ? (words[0]?.slice(0, 60) ?? '') : slug;
}
