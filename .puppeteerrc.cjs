// No browser is ever downloaded: the build uses PUPPETEER_EXECUTABLE_PATH, a browser already in
// puppeteer's cache, or the system's Chromium (see pipeline/render/browser.ts).
module.exports = { skipDownload: true };
