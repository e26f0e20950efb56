/**
 * Check every image path and point it at the copy the site will hold.
 */
import { styleWidth } from './image-width.js';
import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { sanitizeSvg } from '../shared/sanitize-svg.js';
import { escapesRoot, leaves } from '../load/read.js';
import { basename, dirname, join, relative, sep } from 'node:path';
import type { Element, Root } from 'hast';
import { walk } from '../shared/walk.js';
import type { VFile } from 'vfile';
import { error, warn } from '../model/message.js';
import { suggest } from '../shared/suggest.js';
import { rasterSize } from './image-size.js';
import { imageSource, missingImage } from './image-source.js';

/** What an image file holds that matters here: active SVG content, its size in pixels. */
interface Examined {
  /** The file's modification time and size when examined. */
  stamp: string;
  /** What sanitising an SVG would remove. */
  removed: string[];
  /** A raster image's size. */
  size: ReturnType<typeof rasterSize>;
}

/** Image files examined, by real path: most books show the same images (logos, maps) in many files. */
const examined = new Map<string, Examined>();

/** Read an image file once per change: an SVG is parsed to find active content, a raster's header read. */
function examine(real: string): Examined {
  const { mtimeMs, size: bytes } = statSync(real);
  const stamp = `${mtimeMs}:${bytes}`;
  const known = examined.get(real);
  if (known?.stamp === stamp) return known;
  const result: Examined = {
    stamp,
    // An SVG is a document that can run scripts where it is opened: it is published sanitised.
    removed: real.toLowerCase().endsWith('.svg') ? sanitizeSvg(readFileSync(real, 'utf8')).removed : [],
    size: rasterSize(real),
  };
  examined.set(real, result);
  return result;
}

/** Options of `rehypeImages`. */
export interface Options {
  /** Content root: every image must resolve inside it. */
  root: string;
}

/**
 * An image is a file inside the content root, referenced relative to the Markdown file (or, with
 * a leading `/`, to the root). An image URL (remote, `file:`, `data:`) is an error in a case; in
 * a chapter it is a warning and the image gives way to its alt text. Escapes from the root are
 * errors, so that nothing outside the project reaches the output or the print browser. The `src` becomes
 * `assets/<path below root>` and the file is recorded in `file.data.assets`.
 *
 * @param options Where the content lives.
 * @returns Transformer.
 */
export function rehypeImages(options: Options) {
  const root = realpathSync(options.root);
  return (tree: Root, file: VFile): undefined => {
    const assets = (file.data.assets ??= []);
    const dropped: Element[] = [];
    walk(tree, 'element', (node) => {
      if (node.tagName !== 'img') return;
      styleWidth(node);
      const src = String(node.properties['src'] ?? '');
      const place = node.position;
      const source = imageSource(node, file);
      if (source === 'remote') {
        if (file.data.kind !== 'case') dropped.push(node);
        return;
      }
      if (!source) return;
      const { path } = source;
      // `/images/x.png` is relative to the content root, as on a static site.
      const absolute = path.startsWith('/') ? join(root, path) : join(root, dirname(file.path), path);
      const outside = () =>
        error(file, `Unexpected image \`${src}\` outside the project, expected a file inside it`, place, 'image-path');
      // Whether a path outside the project exists is never told: the same message either way.
      if (escapesRoot(root, absolute)) return outside();
      if (!existsSync(absolute)) {
        missingImage(file, node, src, relative(root, absolute), nearName(absolute));
        return;
      }
      const real = realpathSync(absolute);
      const inside = relative(root, real);
      if (leaves(inside)) return outside();
      const { removed, size } = examine(real);
      if (removed.length > 0)
        warn(
          file,
          `Unexpected active content in \`${src}\`: ${removed.map((what) => `\`${what}\``).join(', ')} removed from the published copy, expected a plain drawing`,
          place,
          'image-svg-active',
        );
      if (size) {
        // Printed at its CSS size (96 px to the inch), never wider than the 136 mm text column
        // (`templates/print.css`: A4 less two 37 mm margins).
        const inches = Math.min(size.width / 96, 136 / 25.4);
        const dpi = Math.round(size.width / inches);
        if (dpi < 150)
          warn(
            file,
            `Unexpected image of ${size.width} px printing at ${dpi} dpi, expected at least 150 dpi: use a larger image`,
            place,
            'image-resolution',
          );
      }
      const target = `assets/${inside.split(sep).join('/')}`;
      node.properties['src'] = target;
      if (!assets.some((asset) => asset.target === target))
        assets.push({ source: real, target, ...(real === absolute ? {} : { named: absolute }) });
    });
    if (dropped.length > 0) {
      walk(tree, 'element', (node, index, parent) => {
        if (!parent || index === undefined || !dropped.includes(node)) return undefined;
        const alt = String(node.properties['alt'] ?? '').trim();
        parent.children.splice(index, 1, ...(alt ? [{ type: 'text' as const, value: alt }] : []));
        return index;
      });
    }
  };
}

/**
 * A file beside a missing image whose name is a likely slip for it (`sensr.png` → `sensor.png`).
 *
 * @param path The missing image, inside the content root.
 * @returns The file's name, or `undefined`.
 */
function nearName(path: string): string | undefined {
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return undefined;
  }
  return suggest(basename(path), names);
}
