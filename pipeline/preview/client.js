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
        position: 'fixed', inset: '0', zIndex: '2147483647', overflow: 'auto', padding: '2rem',
        background: 'rgba(20, 20, 24, 0.94)', color: '#f6f8fa', font: '14px/1.5 ui-monospace, monospace',
      });
      document.body.append(overlay);
    }
    overlay.replaceChildren();
    const title = document.createElement('h2');
    title.textContent = `${errors.length} error${errors.length === 1 ? '' : 's'}: the preview shows the last good build`;
    Object.assign(title.style, { color: '#ff7b72', font: 'bold 18px system-ui, sans-serif', margin: '0 0 1rem' });
    const list = document.createElement('ul');
    Object.assign(list.style, { listStyle: 'none', padding: '0', margin: '0' });
    for (const message of messages) {
      const item = document.createElement('li');
      item.className = `whitepaper-message whitepaper-${message.severity}`;
      const place = message.line ? `:${message.line}:${message.column ?? 1}` : '';
      item.textContent = `${message.file}${place}  ${message.severity}  ${message.message}  ${message.ruleId ?? ''}`;
      Object.assign(item.style, { padding: '0.3rem 0', color: message.severity === 'error' ? '#ffa198' : '#e3b341' });
      list.append(item);
    }
    overlay.append(title, list);
  }

  const events = new EventSource('/__whitepaper/events');
  events.addEventListener('update', (event) => {
    const update = JSON.parse(event.data);
    show(update.messages);
    if (update.pages.includes('*') || update.pages.includes(here)) {
      sessionStorage.setItem(key, String(window.scrollY));
      location.reload();
    }
  });
})();
