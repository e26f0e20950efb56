/**
 * Countries and regions of Asia (UN M49 region 142) by ISO 3166-1 alpha-2 code, with English names.
 * `whitepaper.yaml` can add codes through `countries`.
 */
export const asianCountries: Readonly<Record<string, string>> = {
  // Central Asia
  KZ: 'Kazakhstan',
  KG: 'Kyrgyzstan',
  TJ: 'Tajikistan',
  TM: 'Turkmenistan',
  UZ: 'Uzbekistan',
  // Eastern Asia
  CN: 'China',
  HK: 'Hong Kong, China',
  MO: 'Macao, China',
  KP: "Democratic People's Republic of Korea",
  JP: 'Japan',
  MN: 'Mongolia',
  KR: 'Republic of Korea',
  // South-eastern Asia
  BN: 'Brunei Darussalam',
  KH: 'Cambodia',
  ID: 'Indonesia',
  LA: "Lao People's Democratic Republic",
  MY: 'Malaysia',
  MM: 'Myanmar',
  PH: 'Philippines',
  SG: 'Singapore',
  TH: 'Thailand',
  TL: 'Timor-Leste',
  VN: 'Viet Nam',
  // Southern Asia
  AF: 'Afghanistan',
  BD: 'Bangladesh',
  BT: 'Bhutan',
  IN: 'India',
  IR: 'Iran',
  MV: 'Maldives',
  NP: 'Nepal',
  PK: 'Pakistan',
  LK: 'Sri Lanka',
  // Western Asia
  AM: 'Armenia',
  AZ: 'Azerbaijan',
  BH: 'Bahrain',
  CY: 'Cyprus',
  GE: 'Georgia',
  IQ: 'Iraq',
  IL: 'Israel',
  JO: 'Jordan',
  KW: 'Kuwait',
  LB: 'Lebanon',
  OM: 'Oman',
  QA: 'Qatar',
  SA: 'Saudi Arabia',
  PS: 'State of Palestine',
  SY: 'Syrian Arab Republic',
  TR: 'Türkiye',
  AE: 'United Arab Emirates',
  YE: 'Yemen',
};

/**
 * The name of a country or region in a language: the names above (or those the alliance added)
 * in English, the runtime's CLDR names in other languages.
 *
 * @param code ISO 3166-1 alpha-2 code.
 * @param language BCP 47 tag of the text the name goes in.
 * @param extra Codes the alliance added, with English names.
 * @returns The name; the code itself when nothing better is known.
 */
export function countryName(code: string, language: string, extra: Readonly<Record<string, string>> = {}): string {
  const english =
    (Object.hasOwn(extra, code) ? extra[code] : undefined) ??
    (Object.hasOwn(asianCountries, code) ? asianCountries[code] : undefined);
  if (language.split('-')[0] === 'en' && english) return english;
  const name = new Intl.DisplayNames([language], { type: 'region', fallback: 'none' }).of(code);
  return name ?? english ?? code;
}
