/**
 * Message catalogues: every fixed text of the book, per language. `{name}` marks a value the
 * caller fills in with `format`. A language without a catalogue gets the English one (and the
 * settings a warning), so a new catalogue is a new entry here and nothing else.
 */
import type { Committee } from './committees.js';

/** Fixed text of the book in one language. */
export interface Labels {
  contents: string;
  compendium: string;
  compendiumIntro: string;
  /** `{number}`: "Chapter 2". */
  chapter: string;
  previous: string;
  next: string;
  /** Name of the previous/next navigation. */
  pager: string;
  organization: string;
  country: string;
  committee: string;
  sdgs: string;
  /** `{number}`: a badge's "SDG 6". */
  sdg: string;
  website: string;
  indices: string;
  /** `{number}`: "Equation 2.3". */
  equation: string;
  /** `{number}`: "Figure 3.2". */
  figure: string;
  /** `{number}`: "Table 3.2". */
  table: string;
  /** `{title}`: how a reference to a section reads. */
  quoted: string;
  /** `{label}`: what precedes a caption, "Figure 3.2: ". */
  captionLabel: string;
  listOfFigures: string;
  listOfTables: string;
  /** Heading of a chapter's footnotes. */
  notes: string;
  /** `{number}`: a footnote's link back to where it is referenced. */
  backToReference: string;
  references: string;
  /** `{revision}`. */
  changes: string;
  /** `{revision}`. */
  removedSince: string;
  cardChanged: string;
  noChanges: string;
  byCountry: string;
  bySdg: string;
  byCommittee: string;
  chartSdgs: string;
  chartCountries: string;
  skipToContent: string;
  /** The watermark of a draft. */
  draftMark: string;
  /** The site's link to the edition's PDF. */
  downloadPdf: string;
  /** The site's search box, and what it says when nothing is found. */
  search: string;
  searchNone: string;
  /** Under a chart drawn from data: opens the table of its values. */
  chartData: string;
  /** Axis titles of the compendium's charts. */
  chartCases: string;
  chartGoal: string;
  chartCountry: string;
  /** The imprint page's headings. */
  suggestedCitation: string;
  licence: string;
  disclaimer: string;
  /** `{date}`, `{revision}`: the line on every page of a draft. */
  draftBuilt: string;
  /** Stands for the revision of a draft built outside git. */
  outsideGit: string;
  /** `{language}`: the note above a chapter shown untranslated, in the language it is shown in. */
  untranslated: string;
  /** Name of the language switcher. */
  editions: string;
  /** The award certificate: "<alliance> presents the <award> to <organisation> for the case study <title>". */
  certificates: string;
  certificatePresents: string;
  certificateTo: string;
  certificateFor: string;
  /** The `##` sections every case study written in this language has, in order. */
  caseSections: readonly [string, ...string[]];
  committees: Readonly<Record<Committee, string>>;
  /** Short names of the 17 SDGs, in order. */
  sdgNames: readonly string[];
}

const en: Labels = {
  contents: 'Contents',
  compendium: 'Case Compendium',
  compendiumIntro: 'Case studies submitted by organisations across Asia. Awarded cases come first, by award tier.',
  chapter: 'Chapter {number}',
  previous: 'Previous',
  next: 'Next',
  pager: 'Pages',
  organization: 'Organisation',
  country: 'Country',
  committee: 'Committee',
  sdgs: 'SDGs',
  sdg: 'SDG {number}',
  website: 'Website',
  indices: 'Indices',
  equation: 'Equation {number}',
  figure: 'Figure {number}',
  table: 'Table {number}',
  quoted: '“{title}”',
  captionLabel: '{label}: ',
  notes: 'Notes',
  backToReference: 'Back to reference {number}',
  listOfFigures: 'List of Figures',
  listOfTables: 'List of Tables',
  references: 'References',
  changes: 'Changes since {revision}',
  removedSince: 'Removed since {revision}',
  cardChanged: 'The case details changed.',
  noChanges: 'Nothing changed.',
  byCountry: 'Cases by country',
  bySdg: 'Cases by SDG',
  byCommittee: 'Cases by committee',
  chartSdgs: 'Case studies per SDG',
  chartCountries: 'Case studies per country',
  skipToContent: 'Skip to content',
  draftMark: 'DRAFT',
  downloadPdf: 'PDF',
  search: 'Search',
  searchNone: 'Nothing found',
  chartData: 'Data',
  chartCases: 'Case studies',
  chartGoal: 'Sustainable Development Goal',
  chartCountry: 'Economy',
  suggestedCitation: 'Suggested citation',
  licence: 'Licence',
  disclaimer: 'Disclaimer',
  draftBuilt: 'Draft built {date} from {revision}',
  outsideGit: 'a folder outside git',
  untranslated: 'This chapter has not been translated yet: it is shown in {language}.',
  editions: 'Editions',
  certificates: 'award certificates',
  certificatePresents: 'presents the',
  certificateTo: 'to',
  certificateFor: 'for the case study',
  caseSections: ['Background', 'Solution', 'Impact'],
  committees: {
    'technology-ethics': 'Technology Ethics Committee',
    esg: 'ESG Committee',
    'digital-economy': 'Digital Economy Committee',
    metaverse: 'Metaverse Committee',
  },
  sdgNames: [
    'No Poverty',
    'Zero Hunger',
    'Good Health and Well-being',
    'Quality Education',
    'Gender Equality',
    'Clean Water and Sanitation',
    'Affordable and Clean Energy',
    'Decent Work and Economic Growth',
    'Industry, Innovation and Infrastructure',
    'Reduced Inequalities',
    'Sustainable Cities and Communities',
    'Responsible Consumption and Production',
    'Climate Action',
    'Life Below Water',
    'Life on Land',
    'Peace, Justice and Strong Institutions',
    'Partnerships for the Goals',
  ],
};

/** Simplified Chinese; the SDG names are the United Nations' own. */
const zh: Labels = {
  contents: '目录',
  compendium: '案例汇编',
  compendiumIntro: '亚洲各地机构提交的案例研究。获奖案例按奖项等级排在前面。',
  chapter: '第 {number} 章',
  previous: '上一页',
  next: '下一页',
  pager: '翻页',
  organization: '机构',
  country: '国家/地区',
  committee: '委员会',
  sdgs: '可持续发展目标',
  sdg: 'SDG {number}',
  website: '网站',
  indices: '索引',
  equation: '式 {number}',
  figure: '图 {number}',
  table: '表 {number}',
  quoted: '“{title}”',
  captionLabel: '{label}　',
  notes: '注释',
  backToReference: '返回引用处 {number}',
  listOfFigures: '图目录',
  listOfTables: '表目录',
  references: '参考文献',
  changes: '自 {revision} 以来的修改',
  removedSince: '自 {revision} 以来删除的内容',
  cardChanged: '案例信息有修改。',
  noChanges: '没有修改。',
  byCountry: '按国家/地区排列的案例',
  bySdg: '按可持续发展目标排列的案例',
  byCommittee: '按委员会排列的案例',
  chartSdgs: '各可持续发展目标的案例数',
  chartCountries: '各国家/地区的案例数',
  skipToContent: '跳到正文',
  draftMark: '草稿',
  downloadPdf: 'PDF 版',
  search: '搜索',
  searchNone: '未找到结果',
  chartData: '数据',
  chartCases: '案例数',
  chartGoal: '可持续发展目标',
  chartCountry: '经济体',
  suggestedCitation: '建议引用格式',
  licence: '许可协议',
  disclaimer: '免责声明',
  draftBuilt: '草稿，构建于 {date}，版本 {revision}',
  outsideGit: 'git 之外的文件夹',
  untranslated: '本章尚未翻译，以下为{language}原文。',
  editions: '语言版本',
  certificates: '获奖证书',
  certificatePresents: '颁发',
  certificateTo: '授予',
  certificateFor: '以表彰案例研究',
  caseSections: ['背景', '解决方案', '影响'],
  committees: {
    'technology-ethics': '科技伦理委员会',
    esg: 'ESG 委员会',
    'digital-economy': '数字经济委员会',
    metaverse: '元宇宙委员会',
  },
  sdgNames: [
    '无贫穷',
    '零饥饿',
    '良好健康与福祉',
    '优质教育',
    '性别平等',
    '清洁饮水和卫生设施',
    '经济适用的清洁能源',
    '体面工作和经济增长',
    '产业、创新和基础设施',
    '减少不平等',
    '可持续城市和社区',
    '负责任消费和生产',
    '气候行动',
    '水下生物',
    '陆地生物',
    '和平、正义与强大机构',
    '促进目标实现的伙伴关系',
  ],
};

const catalogues: Readonly<Record<string, Labels>> = { en, zh };

/** The English catalogue: the default, and what a language without a catalogue gets. */
export const english = en;

/**
 * The catalogue of a language: by its exact tag, then by its primary subtag (`zh-Hans` → `zh`).
 *
 * @param language BCP 47 tag.
 * @returns The catalogue, or `undefined` when there is none.
 */
export function catalogueFor(language: string): Labels | undefined {
  const tag = language.toLowerCase();
  const base = tag.split('-')[0] ?? '';
  return Object.hasOwn(catalogues, tag)
    ? catalogues[tag]
    : Object.hasOwn(catalogues, base)
      ? catalogues[base]
      : undefined;
}

/**
 * Fill in a catalogue text.
 *
 * @param text Text with `{name}` placeholders.
 * @param values Value of each placeholder.
 * @returns The text; placeholders without a value stay as they are.
 */
export function format(text: string, values: Readonly<Record<string, string | number>>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(values, name) ? String(values[name]) : whole,
  );
}

/**
 * The name of a language in another language, by the runtime's CLDR data.
 *
 * @param language Tag of the language named.
 * @param inLanguage Tag of the language the name is written in.
 * @returns Such as "English", "中文", "英文".
 */
export function languageName(language: string, inLanguage: string): string {
  return new Intl.DisplayNames([inLanguage], { type: 'language', fallback: 'code' }).of(language) ?? language;
}
