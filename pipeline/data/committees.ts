/** The alliance's four committees: the ids case studies use. Their names are in the catalogues. */
export const committeeIds = ['technology-ethics', 'esg', 'digital-economy', 'metaverse'] as const;

export type Committee = (typeof committeeIds)[number];
