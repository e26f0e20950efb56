// Editors' dashboard: sort by any column, filter by text and status. No dependencies.
const table = document.getElementById('cases');
const body = table.tBodies[0];
const filter = document.getElementById('filter');
const status = document.getElementById('status');
const shown = document.getElementById('shown');

function apply() {
  const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
  let count = 0;
  for (const row of body.rows) {
    const text = row.textContent.toLowerCase();
    const visible = words.every((word) => text.includes(word)) && (!status.value || row.dataset.status === status.value);
    row.hidden = !visible;
    if (visible) count++;
  }
  shown.textContent = `${count} of ${body.rows.length} shown`;
}

for (const [index, header] of [...table.tHead.rows[0].cells].entries()) {
  header.tabIndex = 0;
  const sort = () => {
    const ascending = header.getAttribute('aria-sort') !== 'ascending';
    for (const other of table.tHead.rows[0].cells) other.removeAttribute('aria-sort');
    header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
    const numeric = header.dataset.type === 'number';
    const value = (row) => row.cells[index].dataset.value ?? '';
    const rows = [...body.rows].sort((a, b) => {
      const order = numeric ? Number(value(a)) - Number(value(b)) : value(a).localeCompare(value(b));
      return ascending ? order : -order;
    });
    body.append(...rows);
  };
  header.addEventListener('click', sort);
  header.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      sort();
    }
  });
}

filter.addEventListener('input', apply);
status.addEventListener('change', apply);
apply();
