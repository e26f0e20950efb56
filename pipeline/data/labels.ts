/** Fixed text of the book in English. (Other languages get catalogues of their own.) */
export const labels = {
  contents: 'Contents',
  compendium: 'Case Compendium',
  compendiumIntro: 'Case studies submitted by organisations across Asia. Awarded cases come first, by award tier.',
  chapter: 'Chapter',
  previous: 'Previous',
  next: 'Next',
  home: 'Contents',
  organization: 'Organisation',
  country: 'Country',
  committee: 'Committee',
  sdgs: 'SDGs',
  award: 'Award',
  website: 'Website',
  pageOf: ['Page', 'of'] as const,
  indices: 'Indices',
  changes: 'Changes since',
  removedSince: 'Removed since',
  cardChanged: 'The case details changed.',
  noChanges: 'Nothing changed.',
  byCountry: 'Cases by country',
  bySdg: 'Cases by SDG',
  byCommittee: 'Cases by committee',
  chartSdgs: 'Case studies per SDG',
  chartCountries: 'Case studies per country',
};

export type Labels = typeof labels;
