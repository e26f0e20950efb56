// The header's links fold behind a Menu button on a narrow screen. Without this script the button
// stays hidden and the links stay in view: nothing depends on it.
(() => {
  const start = () => {
  const menu = document.getElementById('site-menu');
  const button = document.querySelector('.menu-toggle');
  if (!menu || !button) return;
  const narrow = window.matchMedia('(max-width: 40rem)');
  const show = (open) => {
    button.setAttribute('aria-expanded', String(open));
    menu.classList.toggle('site-menu-closed', !open);
  };
  const fit = () => {
    button.hidden = !narrow.matches;
    show(!narrow.matches);
  };
  button.addEventListener('click', () => show(button.getAttribute('aria-expanded') !== 'true'));
  // Escape closes the open menu and gives the focus back to its button.
  menu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !narrow.matches) return;
    show(false);
    button.focus();
  });
  narrow.addEventListener('change', fit);
  fit();
  };
  // The preview replaces the body in place when the page changed: the new body's button starts too.
  document.addEventListener('whitepaper:replaced', start);
  start();
})();
