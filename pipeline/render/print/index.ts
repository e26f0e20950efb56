/**
 * Everything that prints, in one module: the build imports it only when it prints, since
 * Puppeteer and pdf-lib take most of a second to load.
 */
export { printBook } from './book.js';
export { closeBrowser, connectBrowser, launchBrowser } from './browser.js';
export { caseRanges, extractCasePdfs } from './case-pdfs.js';
export { printCertificates } from './certificates.js';
