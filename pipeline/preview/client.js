// Live reload for the whitepaper preview: served as /__whitepaper/client.js, allowed by the
// page's Content-Security-Policy as a same-origin script. No inline script anywhere.
(() => {
  const here = decodeURIComponent(location.pathname.replace(/^\//, '')).replace(/(^|\/)$/, '$1index.html');
  const key = `whitepaper-scroll:${here}`;
  const saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    const y = Number(saved);
    window.scrollTo(0, y);
    window.addEventListener('load', () => window.scrollTo(0, y), { once: true });
  }

  let overlay = null;
  function show(messages) {
    const errors = messages.filter((message) => message.severity === 'error');
    if (errors.length === 0) {
      overlay?.remove();
      overlay = null;
      return;
    }
    if (!overlay) {
      overlay = document.createElement('div');
      overlay.id = 'whitepaper-overlay';
      overlay.setAttribute('role', 'alert');
      Object.assign(overlay.style, {
        position: 'fixed',
        inset: '0',
        zIndex: '2147483647',
        overflow: 'auto',
        padding: '2rem',
        // Opaque: the page's text must not show through the messages.
        background: '#141418',
        color: '#f6f8fa',
        font: '14px/1.5 ui-monospace, monospace',
      });
      document.body.append(overlay);
    }
    overlay.replaceChildren();
    const title = document.createElement('h2');
    const warnings = messages.length - errors.length;
    title.textContent = `${errors.length} error${errors.length === 1 ? '' : 's'}${warnings > 0 ? ` and ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}: the preview shows the last good build until they are fixed`;
    Object.assign(title.style, { color: '#ff7b72', font: 'bold 18px system-ui, sans-serif', margin: '0 0 1rem' });
    const list = document.createElement('ul');
    Object.assign(list.style, { listStyle: 'none', padding: '0', margin: '0' });
    // Errors first: they are why the overlay is there.
    const ordered = [...errors, ...messages.filter((message) => message.severity !== 'error')];
    for (const message of ordered) {
      const item = document.createElement('li');
      item.className = `whitepaper-message whitepaper-${message.severity}`;
      const place = message.line ? `:${message.line}:${message.column ?? 1}` : '';
      item.textContent = `${message.file}${place}  ${message.severity}  ${message.message}  ${message.ruleId ?? ''}`;
      Object.assign(item.style, { padding: '0.3rem 0', color: message.severity === 'error' ? '#ffa198' : '#e3b341' });
      list.append(item);
    }
    overlay.append(title, list);
  }

  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }

  // A changed page replaces the body in place: no flash, no reloading of style sheets and
  // images, the scroll position kept. Anything unexpected falls back to a reload.
  async function refresh() {
    try {
      const response = await fetch(location.href, { cache: 'no-store' });
      if (!response.ok) return reload();
      const next = new DOMParser().parseFromString(await response.text(), 'text/html');
      const y = window.scrollY;
      document.title = next.title;
      document.body.replaceWith(document.adoptNode(next.body));
      if (overlay) document.body.append(overlay);
      window.scrollTo(0, y);
      // The page's own scripts ran on the old body: they start again on the new one.
      document.dispatchEvent(new Event('whitepaper:replaced'));
    } catch {
      reload();
    }
  }

  const events = new EventSource('/__whitepaper/events');
  events.addEventListener('update', (event) => {
    const update = JSON.parse(event.data);
    show(update.messages);
    if (update.pages.includes('*')) reload();
    else if (update.pages.includes(here)) void refresh();
  });
})();
