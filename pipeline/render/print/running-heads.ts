/**
 * No running head on a page where a chapter (or a case, the references, the compendium, the
 * indices) opens: its title stands right below. Chromium cannot style the first page of a named
 * page group, so the printed head is taken out of those pages afterwards.
 */

/** A text object and where it is drawn from (the `y` of its first `Tm`). */
const textObject = /(?<=^|\s)BT\s[\s\S]*?\sET(?=\s|$)/g;
const firstMatrixY = /\s(-?[\d.]+)\s+Tm\b/;

/**
 * A page's first content stream without its running head. Skia draws a page's margin boxes
 * first, before the clip of the page area (`W n`): the head is the text object among them in the
 * upper half of the page, above the footer's.
 *
 * @param text The stream's text.
 * @returns The text, and how many text objects went (none: the same text).
 */
export function withoutRunningHead(text: string): { text: string; dropped: number } {
  const clip = /\sW\*?\s+n\s/.exec(text)?.index ?? -1;
  if (clip === -1) return { text, dropped: 0 };
  const margins = [...text.slice(0, clip).matchAll(textObject)].map((match) => ({
    start: match.index,
    end: match.index + match[0].length,
    y: Number(firstMatrixY.exec(match[0])?.[1]),
  }));
  const lowest = Math.max(...margins.map((box) => box.y).filter(Number.isFinite));
  // Text space runs downwards here (Skia flips it): the head has the smallest `y`.
  const heads = margins.filter((box) => Number.isFinite(box.y) && box.y < lowest / 2);
  if (heads.length === 0 || heads.length === margins.length) return { text, dropped: 0 };
  let patched = '';
  let at = 0;
  for (const head of heads) {
    patched += text.slice(at, head.start);
    at = head.end;
  }
  return { text: patched + text.slice(at), dropped: heads.length };
}
