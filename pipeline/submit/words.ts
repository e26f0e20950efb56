/**
 * The submission form's own words, by language: the field labels the book's catalogues do not
 * have (organisation, country, committee, SDGs and website come from them). A language without
 * an entry here gets the English words around its own sections and names. The problems the form
 * lists are `check`'s messages, in English like `check`'s.
 */

/** The form's words in one language. */
export interface FormWords {
  /** `{title}`: the page's heading, with the book's title. */
  heading: string;
  intro: string;
  aboutCase: string;
  title: string;
  /** `{min}`, `{max}`: characters. */
  titleHint: string;
  slug: string;
  slugHint: string;
  summary: string;
  /** `{count}`, `{min}`, `{max}`: the live count. */
  count: string;
  keywords: string;
  keywordsHint: string;
  countryHint: string;
  /** `{max}`: how many goals. */
  sdgsHint: string;
  websiteHint: string;
  choose: string;
  contact: string;
  privateNote: string;
  contactName: string;
  contactEmail: string;
  body: string;
  bodyHint: string;
  images: string;
  /** `{max}`, `{size}`, `{types}`. */
  imagesHint: string;
  alt: string;
  placeIn: string;
  remove: string;
  preview: string;
  /** The disclosure that shows the Markdown file. */
  file: string;
  problems: string;
  /** `{errors}`, `{warnings}`. */
  problemCount: string;
  noProblems: string;
  save: string;
  saveBlocked: string;
  clear: string;
  draftKept: string;
  saved: string;
}

const en: FormWords = {
  heading: 'Submit a case study: {title}',
  intro:
    'Fill in the form; it checks your case as the editors’ tools will. When no problem is left, save it and send the file to the secretariat. Nothing leaves your computer until you send it: the draft is kept in this browser only.',
  aboutCase: 'About the case',
  title: 'Title',
  titleHint: '{min} to {max} characters.',
  slug: 'File name',
  slugHint: 'Lowercase letters, digits and hyphens; made from the title. Type one for a title in another script.',
  summary: 'Summary',
  count: '{count} characters ({min} to {max})',
  keywords: 'Keywords',
  keywordsHint: 'Separated by commas.',
  countryHint: 'Type or pick a name from the list.',
  sdgsHint: 'One to {max} goals.',
  websiteHint: 'An https address, optional.',
  choose: 'Choose…',
  contact: 'Contact',
  privateNote: 'Never published: the secretariat uses it only to reach you about this case.',
  contactName: 'Name',
  contactEmail: 'E-mail',
  body: 'The case',
  bodyHint: 'Markdown: **bold**, *italic*, lists, [links](https://…), tables. No HTML.',
  images: 'Images',
  imagesHint: 'At most {max} images of {size} each: {types}. Each needs a description (alt text).',
  alt: 'Description (alt text)',
  placeIn: 'Shown at the end of',
  remove: 'Remove',
  preview: 'Preview',
  file: 'The file as it will be saved',
  problems: 'Problems',
  problemCount: '{errors} errors, {warnings} warnings',
  noProblems: 'No problems: the case can be saved.',
  save: 'Save the case',
  saveBlocked: 'Saving is possible once every error is fixed.',
  clear: 'Clear the draft',
  draftKept: 'Draft kept in this browser.',
  saved: 'Saved {file}: send it to the secretariat.',
};

const zh: FormWords = {
  heading: '提交案例：{title}',
  intro:
    '请填写本表。表单会像编辑工具一样检查您的案例；所有问题解决后，保存并将文件发送给秘书处。发送之前，任何内容都不会离开您的电脑：草稿只保存在本浏览器中。',
  aboutCase: '案例信息',
  title: '标题',
  titleHint: '{min}至{max}个字符。',
  slug: '文件名',
  slugHint: '小写字母、数字和连字符；由标题生成。中文标题请自行填写。',
  summary: '摘要',
  count: '{count}个字符（{min}至{max}）',
  keywords: '关键词',
  keywordsHint: '用逗号分隔。',
  countryHint: '输入或从列表中选择名称。',
  sdgsHint: '一至{max}个目标。',
  websiteHint: 'https 网址，可选。',
  choose: '请选择…',
  contact: '联系人',
  privateNote: '绝不公开：秘书处仅用于就本案例与您联系。',
  contactName: '姓名',
  contactEmail: '电子邮件',
  body: '案例正文',
  bodyHint: 'Markdown：**粗体**、*斜体*、列表、[链接](https://…)、表格。不可使用 HTML。',
  images: '图片',
  imagesHint: '最多{max}张，每张不超过{size}：{types}。每张图片都需要文字说明（替代文本）。',
  alt: '说明（替代文本）',
  placeIn: '显示于以下部分末尾',
  remove: '删除',
  preview: '预览',
  file: '将保存的文件',
  problems: '问题',
  problemCount: '{errors}个错误，{warnings}个警告',
  noProblems: '没有问题：可以保存案例。',
  save: '保存案例',
  saveBlocked: '修正所有错误后即可保存。',
  clear: '清除草稿',
  draftKept: '草稿已保存在本浏览器中。',
  saved: '已保存 {file}：请发送给秘书处。',
};

const ja: FormWords = {
  heading: '事例の応募：{title}',
  intro:
    'このフォームに記入してください。編集者のツールと同じように事例を確認します。問題がなくなったら保存し、ファイルを事務局に送ってください。送るまで何もこのコンピューターの外に出ません：下書きはこのブラウザーにだけ保存されます。',
  aboutCase: '事例について',
  title: 'タイトル',
  titleHint: '{min}〜{max}文字。',
  slug: 'ファイル名',
  slugHint: '小文字・数字・ハイフン。タイトルから作られます。日本語のタイトルでは入力してください。',
  summary: '概要',
  count: '{count}文字（{min}〜{max}）',
  keywords: 'キーワード',
  keywordsHint: 'カンマで区切ってください。',
  countryHint: '名前を入力するか一覧から選んでください。',
  sdgsHint: '1〜{max}個の目標。',
  websiteHint: 'https のアドレス（任意）。',
  choose: '選択してください…',
  contact: '連絡先',
  privateNote: '公開されません：事務局がこの事例について連絡するためだけに使います。',
  contactName: '氏名',
  contactEmail: 'メールアドレス',
  body: '事例の本文',
  bodyHint: 'Markdown：**太字**、*斜体*、箇条書き、[リンク](https://…)、表。HTML は使えません。',
  images: '画像',
  imagesHint: '最大{max}枚、各{size}まで：{types}。各画像に説明（代替テキスト）が必要です。',
  alt: '説明（代替テキスト）',
  placeIn: '次の節の末尾に表示',
  remove: '削除',
  preview: 'プレビュー',
  file: '保存されるファイル',
  problems: '問題',
  problemCount: 'エラー{errors}件、警告{warnings}件',
  noProblems: '問題はありません：保存できます。',
  save: '事例を保存',
  saveBlocked: 'すべてのエラーを直すと保存できます。',
  clear: '下書きを消去',
  draftKept: '下書きはこのブラウザーに保存されています。',
  saved: '{file} を保存しました：事務局に送ってください。',
};

const catalogue: Readonly<Record<string, FormWords>> = { en, zh, ja };

/**
 * The form's words in a language: its own, its primary subtag's (`zh-Hant` → `zh`), or English.
 *
 * @param tag BCP 47 tag.
 */
export function formWords(tag: string): FormWords {
  return catalogue[tag] ?? catalogue[tag.split('-')[0] ?? ''] ?? en;
}
