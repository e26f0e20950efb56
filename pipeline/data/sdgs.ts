/** The 17 Sustainable Development Goals' official colours (UN brand guide); names are in the catalogues. */
export interface Sdg {
  number: number;
  colour: string;
}

export const sdgs: readonly Sdg[] = [
  { number: 1, colour: '#E5243B' },
  { number: 2, colour: '#DDA63A' },
  { number: 3, colour: '#4C9F38' },
  { number: 4, colour: '#C5192D' },
  { number: 5, colour: '#FF3A21' },
  { number: 6, colour: '#26BDE2' },
  { number: 7, colour: '#FCC30B' },
  { number: 8, colour: '#A21942' },
  { number: 9, colour: '#FD6925' },
  { number: 10, colour: '#DD1367' },
  { number: 11, colour: '#FD9D24' },
  { number: 12, colour: '#BF8B2E' },
  { number: 13, colour: '#3F7E44' },
  { number: 14, colour: '#0A97D9' },
  { number: 15, colour: '#56C02B' },
  { number: 16, colour: '#00689D' },
  { number: 17, colour: '#19486A' },
];
