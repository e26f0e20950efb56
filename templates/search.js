// The site's search, over the index of assets/search-index.js (window.whitepaperSearch), built
// with the site. No request is made: it works opened from disk. Results are written as text.
(() => {
  const form = document.querySelector('.site-search');
  const input = form && form.querySelector('input');
  const list = form && form.querySelector('.search-results');
  const data = window.whitepaperSearch;
  if (!form || !input || !list || !data) return;
  const base = form.getAttribute('data-root') || '';
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  // The same tokens as the index: words; Chinese, Japanese and Korean as pairs of characters.
  function tokenize(text) {
    const tokens = [];
    for (const [run] of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
      // CJK meets Latin letters and digits without a space: each side is tokenized on its own.
      const characters = [...run];
      let from = 0;
      for (let index = 1; index <= characters.length; index++) {
        const kind = cjk.test(characters[from]);
        if (index < characters.length && cjk.test(characters[index]) === kind) continue;
        const piece = characters.slice(from, index);
        if (kind) {
          if (piece.length === 1) tokens.push(piece[0]);
          for (let at = 0; at + 1 < piece.length; at++) tokens.push(piece[at] + piece[at + 1]);
        } else if (piece.length > 1) tokens.push(piece.join(''));
        from = index;
      }
    }
    return tokens;
  }
  // Pages holding every token of the query, the most mentions first.
  function search(query) {
    const tokens = [...new Set(tokenize(query))];
    if (tokens.length === 0) return [];
    let scores = null;
    for (const token of tokens) {
      // Own entries only: a word such as `constructor` or `__proto__` is not the index's prototype.
      const postings = Object.prototype.hasOwnProperty.call(data.index, token) ? data.index[token] : [];
      const next = new Map();
      for (const [doc, count] of postings) if (!scores || scores.has(doc)) next.set(doc, (scores ? scores.get(doc) : 0) + count);
      scores = next;
    }
    return [...scores].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([doc]) => data.docs[doc]);
  }
  function show() {
    list.replaceChildren();
    const query = input.value.trim();
    if (!query) return;
    const found = search(query);
    if (found.length === 0) {
      const none = document.createElement('li');
      none.textContent = form.getAttribute('data-none') || '';
      list.append(none);
      return;
    }
    for (const [path, title, excerpt] of found) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = base + path;
      link.textContent = title;
      const text = document.createElement('span');
      text.textContent = excerpt;
      item.append(link, text);
      list.append(item);
    }
  }
  input.addEventListener('input', show);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const first = list.querySelector('a');
    if (first) location.href = first.href;
  });
})();
