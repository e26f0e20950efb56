/** The alliance's four committees: the ids case studies use, and their names. */
export const committees = {
  'technology-ethics': 'Technology Ethics Committee',
  esg: 'ESG Committee',
  'digital-economy': 'Digital Economy Committee',
  metaverse: 'Metaverse Committee',
} as const;

export type Committee = keyof typeof committees;

export const committeeIds = Object.keys(committees) as [Committee, ...Committee[]];
