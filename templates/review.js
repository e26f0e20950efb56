// Reviewers comment on the site's pages: select text, write a comment, reply, resolve. The
// page's comments (#review-data) are highlighted where their quote stands, with the comment in a
// side panel. On a static site (`build --review`) a reader's comments are kept in this
// browser's local storage and exported as one JSON file for `whitepaper review import`; the
// page makes no request. In the preview they are sent to the server that served the page, with
// its session's token. Every name and body is shown as text (textContent), never as markup.
(() => {
  // What the server finds again in the Markdown (`review/anchor.ts`, which writes
  // `whitepaperFold` before this script): the page's text without white space, typographic
  // quotes and dashes folded to the plain ones, with each character's offset.
  // eslint-disable-next-line no-undef
  const fold = whitepaperFold;

  const nameKey = 'whitepaper-review:name';
  const id = () => {
    if (crypto.randomUUID) return `urn:uuid:${crypto.randomUUID()}`;
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return `urn:uuid:${[...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('')}`;
  };
  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const button = (label, action) => {
    const node = element('button', 'review-button', label);
    node.type = 'button';
    node.addEventListener('click', action);
    return node;
  };

  let data;
  let main;
  let bar;
  let panel;
  let floating;

  const storeKey = () => `whitepaper-review:${data.book}`;
  const stored = () => {
    try {
      const list = JSON.parse(localStorage.getItem(storeKey()) ?? '[]');
      return Array.isArray(list) ? list : [];
    } catch {
      return [];
    }
  };
  const keep = (comment) => {
    const list = stored().filter((other) => other.id !== comment.id);
    list.push(comment);
    localStorage.setItem(storeKey(), JSON.stringify(list));
  };

  // This page's comments: the kept ones, with this browser's changes to them, and its new ones.
  const comments = () => {
    const own = data.store.kind === 'browser' ? stored().filter((comment) => comment.target?.source === data.source) : [];
    const byId = new Map(data.comments.map((comment) => [comment.id, comment]));
    for (const comment of own) byId.set(comment.id, comment);
    return [...byId.values()];
  };

  // The page's text as its text nodes hold it, and where each node starts.
  const pageText = () => {
    const walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
    const nodes = [];
    const starts = [];
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      nodes.push(node);
      starts.push(text.length);
      text += node.data;
    }
    return { nodes, starts, text };
  };

  // Where a quote stands on the page: exact, the words around it deciding between repeats.
  const locate = (selector, page) => {
    const text = fold(page.text);
    const quote = fold(selector.exact).text;
    if (!quote) return null;
    const prefix = fold(selector.prefix ?? '').text;
    const suffix = fold(selector.suffix ?? '').text;
    let best = null;
    let bestScore = -1;
    for (let at = text.text.indexOf(quote); at !== -1; at = text.text.indexOf(quote, at + 1)) {
      const before = text.text.slice(Math.max(0, at - prefix.length), at);
      const after = text.text.slice(at + quote.length, at + quote.length + suffix.length);
      let score = 0;
      for (let i = 1; i <= before.length && before.at(-i) === prefix.at(-i); i++) score++;
      for (let i = 0; i < after.length && after[i] === suffix[i]; i++) score++;
      if (score > bestScore) [best, bestScore] = [at, score];
    }
    if (best === null) return null;
    return { start: text.from[best], end: text.from[best + quote.length - 1] + 1 };
  };

  // Wrap a range of the page's text in marks, one per text node it crosses.
  const highlight = (range, comment, page) => {
    const marks = [];
    for (let i = page.nodes.length - 1; i >= 0; i--) {
      const node = page.nodes[i];
      const start = Math.max(range.start, page.starts[i]);
      const end = Math.min(range.end, page.starts[i] + node.data.length);
      if (start >= end) continue;
      const middle = node.splitText(start - page.starts[i]);
      middle.splitText(end - start);
      const mark = element('mark', `review-mark${comment.status === 'resolved' ? ' review-resolved' : ''}`);
      mark.dataset.comment = comment.id;
      middle.replaceWith(mark);
      mark.append(middle);
      mark.addEventListener('click', () => open(comment.id));
      marks.push(mark);
    }
    return marks;
  };

  const unhighlight = () => {
    for (const mark of main.querySelectorAll('mark.review-mark')) mark.replaceWith(...mark.childNodes);
    main.normalize();
  };

  const send = async (comment) => {
    if (data.store.kind === 'browser') return keep(comment);
    const response = await fetch('/__whitepaper/review', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-Whitepaper-Token': data.store.token },
      body: JSON.stringify(comment),
    });
    if (!response.ok) throw new Error(await response.text());
    const saved = await response.json();
    data.comments = [...data.comments.filter((other) => other.id !== saved.id), saved];
  };

  const now = () => new Date().toISOString();
  const name = () => localStorage.getItem(nameKey) ?? '';

  // A form: the reader's name (remembered) and a text; `done` gets both.
  const form = (label, done) => {
    const box = element('form', 'review-form');
    const who = element('input');
    who.name = 'name';
    who.placeholder = 'Your name';
    who.required = true;
    who.maxLength = 80;
    who.value = name();
    const text = element('textarea');
    text.name = 'body';
    text.required = true;
    text.maxLength = 4000;
    text.rows = 4;
    text.placeholder = label;
    const problem = element('p', 'review-problem');
    box.append(who, text, problem, button('Cancel', () => render()));
    const submit = element('button', 'review-button review-save', 'Save');
    submit.type = 'submit';
    box.append(submit);
    box.addEventListener('submit', async (event) => {
      event.preventDefault();
      localStorage.setItem(nameKey, who.value.trim());
      try {
        await done(who.value.trim(), text.value);
        render();
      } catch (error) {
        problem.textContent = String(error.message ?? error);
      }
    });
    const first = who.value ? text : who;
    setTimeout(() => first.focus());
    return box;
  };

  const describe = (comment) => {
    const item = element('li', `review-comment review-${comment.status}`);
    item.dataset.comment = comment.id;
    item.append(element('blockquote', 'review-quote', comment.target.selector[0].exact));
    item.append(element('p', 'review-meta', `${comment.creator.name} · ${comment.created.slice(0, 10)} · ${comment.status}`));
    item.append(element('p', 'review-body', comment.body.value));
    const replies = element('ol', 'review-replies');
    for (const reply of comment.replies ?? [])
      replies.append(element('li', 'review-reply', `${reply.creator.name}: ${reply.body.value}`));
    if (replies.children.length > 0) item.append(replies);
    const actions = element('p', 'review-actions');
    actions.append(
      button('Reply', () =>
        item.append(
          form('Your reply', (who, body) =>
            send({
              ...comment,
              replies: [
                ...(comment.replies ?? []),
                { id: id(), created: now(), creator: { type: 'Person', name: who }, body: { type: 'TextualBody', value: body, format: 'text/plain' } },
              ],
              modified: now(),
            }),
          ),
        ),
      ),
      button(comment.status === 'open' ? 'Resolve' : 'Reopen', async () => {
        await send({ ...comment, status: comment.status === 'open' ? 'resolved' : 'open', modified: now() });
        render();
      }),
    );
    item.append(actions);
    return item;
  };

  const open = (commentId) => {
    panel.hidden = false;
    bar.querySelector('.review-toggle').setAttribute('aria-expanded', 'true');
    panel.querySelector(`[data-comment="${CSS.escape(commentId)}"]`)?.scrollIntoView({ block: 'nearest' });
  };

  // Draw the highlights and the panel again from the comments.
  const render = () => {
    unhighlight();
    const list = comments();
    const page = pageText();
    const located = list.map((comment) => ({ comment, range: locate(comment.target.selector[0], page) }));
    // From the end of the page, so that each split leaves the earlier offsets as they are.
    for (const { comment, range } of [...located].filter((entry) => entry.range).sort((a, b) => b.range.start - a.range.start))
      highlight(range, comment, pageText());
    const items = element('ol', 'review-list');
    for (const { comment, range } of located) {
      const item = describe(comment);
      if (!range) item.prepend(element('p', 'review-missing', 'Not found on this page'));
      items.append(item);
    }
    const exported = stored().length;
    panel.replaceChildren(
      element('h2', 'review-title', `Comments on this page (${list.length})`),
      ...(data.source ? [element('p', 'review-help', 'Select text on the page to comment on it.')] : []),
      items,
      ...(data.store.kind === 'browser'
        ? [element('p', 'review-help', `${exported} comment${exported === 1 ? '' : 's'} of yours in this browser: export them as one file for the editor.`)]
        : []),
    );
    bar.querySelector('.review-toggle').textContent = `Comments (${list.filter((comment) => comment.status === 'open').length})`;
  };

  // A button by the selection: comment on the selected text.
  const offer = () => {
    floating?.remove();
    floating = null;
    const selection = document.getSelection();
    if (!data.source || !selection || selection.isCollapsed || selection.rangeCount === 0) return;
    const range = selection.getRangeAt(0);
    if (!main.contains(range.commonAncestorContainer) || panel.contains(range.commonAncestorContainer)) return;
    const exact = range.toString();
    if (!exact.trim()) return;
    const before = document.createRange();
    before.setStart(main, 0);
    before.setEnd(range.startContainer, range.startOffset);
    const text = pageText().text;
    const start = before.toString().length;
    const end = start + exact.length;
    const selector = {
      type: 'TextQuoteSelector',
      exact: exact.slice(0, 2000),
      prefix: text.slice(Math.max(0, start - 32), start),
      suffix: text.slice(end, end + 32),
    };
    floating = button('Comment', () => {
      floating?.remove();
      floating = null;
      panel.hidden = false;
      panel.prepend(
        element('blockquote', 'review-quote', selector.exact),
        form('Your comment', (who, body) =>
          send({
            '@context': 'http://www.w3.org/ns/anno.jsonld',
            id: id(),
            type: 'Annotation',
            motivation: 'commenting',
            created: now(),
            creator: { type: 'Person', name: who },
            body: { type: 'TextualBody', value: body, format: 'text/plain' },
            target: { source: data.source, edition: data.edition, selector: [selector] },
            status: 'open',
            replies: [],
          }),
        ),
      );
    });
    floating.classList.add('review-offer');
    const box = range.getBoundingClientRect();
    floating.style.top = `${window.scrollY + box.bottom + 4}px`;
    floating.style.left = `${window.scrollX + box.left}px`;
    document.body.append(floating);
  };

  // Every comment this browser keeps, for every page: one file for the editor.
  const exportAll = () => {
    const list = stored();
    const blob = new Blob([`[\n${list.map((comment) => JSON.stringify(comment)).join(',\n')}\n]\n`], { type: 'application/json' });
    const link = element('a');
    link.href = URL.createObjectURL(blob);
    link.download = `${data.book}-comments.json`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  };

  const start = () => {
    const source = document.getElementById('review-data');
    main = document.getElementById('main');
    if (!source || !main) return;
    data = JSON.parse(source.textContent);
    bar = element('aside', 'review-bar');
    bar.setAttribute('aria-label', 'Review');
    const toggle = button('Comments', () => {
      panel.hidden = !panel.hidden;
      toggle.setAttribute('aria-expanded', String(!panel.hidden));
    });
    toggle.classList.add('review-toggle');
    toggle.setAttribute('aria-expanded', 'false');
    bar.append(toggle);
    if (data.store.kind === 'browser') bar.append(button('Export comments', exportAll));
    panel = element('aside', 'review-panel');
    panel.setAttribute('aria-label', 'Comments');
    panel.hidden = true;
    document.body.append(bar, panel);
    render();
  };

  document.addEventListener('mouseup', () => setTimeout(offer));
  document.addEventListener('keyup', (event) => event.shiftKey && offer());
  // The preview replaces the body in place when the page changed (a comment written elsewhere).
  document.addEventListener('whitepaper:replaced', start);
  start();
})();
