/**
 * `cases/awards.yaml` → award tiers in order and the tier of each awarded case.
 */
import type { VFile } from 'vfile';
import { error } from '../model/message.js';
import { suggestName } from '../shared/suggest.js';
import type { Awards, AwardTier } from '../model/types.js';
import { locator } from '../load/front-matter.js';
import { validateMatter } from './issues.js';
import { awardsSchema } from '../model/schema.js';

/**
 * Validate the awards file against the cases that exist.
 *
 * @param file Awards file as loaded by `loadSources`, or `null` when there is none.
 * @param slugs Slugs of the case studies.
 * @returns The awards; empty when there is no file or it has errors (reported on `file`).
 */
export function validateAwards(file: VFile | null, slugs: ReadonlySet<string>): Awards {
  const awards: Awards = { tiers: [], byCase: new Map() };
  if (!file || file.messages.length > 0) return awards;
  const data = validateMatter(file, file.data.matter, awardsSchema, 'awards');
  if (!data) return awards;
  const locate = locator(file, file.data.frontMatter);
  const seenTiers = new Set<string>();
  for (const [t, tier] of data.tiers.entries()) {
    if (seenTiers.has(tier.id)) {
      error(
        file,
        `Unexpected duplicate tier \`${tier.id}\`, expected each tier once`,
        locate(['tiers', t, 'id'], 'value'),
        'awards-tier-duplicate',
      );
      continue;
    }
    seenTiers.add(tier.id);
    const award: AwardTier = { id: tier.id, label: tier.label, translations: tier.translations ?? {} };
    awards.tiers.push(award);
    for (const [c, slug] of tier.cases.entries()) {
      const place = locate(['tiers', t, 'cases', c], 'value');
      const previous = awards.byCase.get(slug);
      if (!slugs.has(slug)) {
        const guess = suggestName(slug, [...slugs]);
        error(
          file,
          `Unexpected case \`${slug}\`, expected the slug of a file in \`cases/\`${guess ? `: did you mean \`${guess}\`?` : ''}`,
          place,
          'awards-case-unknown',
        );
      } else if (previous) {
        error(
          file,
          `Unexpected second award for \`${slug}\` (already \`${previous.id}\`), expected one tier per case`,
          place,
          'awards-case-duplicate',
        );
      } else {
        awards.byCase.set(slug, award);
      }
    }
  }
  return awards;
}
