// The two resources' pages, said once: a list paged by key with a search as you type, a form to
// make one, and one's own page with every field, Edit (with If-Match, and a way through a
// conflict) and Delete (after a confirmation). users.js and groups.js say what differs.
import { call, tagOf } from './api.js';
import { clearErrors, debounce, field, fill, h, time, valueOf } from './dom.js';
import { notice, report } from './ui.js';

const PAGE = 50;

/** Goes to a page of the console. */
export function go(hash) {
  location.hash = hash;
}

/** The list: search box, "New …" button, table, "Load more". */
export function listPage(main, kind, query) {
  const status = h('div');
  flashInto(status);
  const rows = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  const search = field(kind.searchLabel, {
    name: 'q', type: 'search', value: query.get('q') || '', autocomplete: 'off',
    hint: 'Names that start with this, ignoring case',
  });
  let shown = 0;
  let next = null;
  let generation = 0;
  const load = async (path, fresh) => {
    const mine = fresh ? ++generation : generation;
    more.disabled = true;
    try {
      const { body } = await call('GET', path);
      if (mine !== generation) {
        return;
      }
      if (fresh) {
        rows.replaceChildren();
        shown = 0;
      }
      for (const item of body.items) {
        rows.append(h('tr', {}, kind.columns.map(column => h('td', { 'data-label': column.label },
          column.link ? h('a', { href: `#${kind.path}/${item.id}` }, column.value(item))
            : column.value(item)))));
      }
      shown += body.items.length;
      if (shown === 0) {
        rows.append(h('tr', {}, h('td', { colspan: kind.columns.length, class: 'empty' },
          query.get('q') ? `No ${kind.plural} match.` : `No ${kind.plural} yet.`)));
      }
      next = body.next;
      more.hidden = !next;
      performance.mark(`${kind.plural}-listed`);
    } catch (error) {
      if (mine === generation) {
        report(error, { place: status });
      }
    } finally {
      more.disabled = false;
    }
  };
  const first = () => {
    const q = query.get('q');
    return `${kind.path}?limit=${PAGE}${q ? `&name=${encodeURIComponent(q)}` : ''}`;
  };
  search.querySelector('input').addEventListener('input', debounce(event => {
    const q = event.target.value;
    if (q) {
      query.set('q', q);
    } else {
      query.delete('q');
    }
    history.replaceState(null, '', `#${kind.path}${q ? `?${query}` : ''}`);
    load(first(), true);
  }, 250));
  more.addEventListener('click', () => load(next, false));
  fill(main,
    h('h1', {}, kind.title),
    h('div', { class: 'tools' }, search,
      h('button', { type: 'button', onclick: () => go(`#${kind.path}/new`) }, kind.newLabel)),
    status,
    h('table', {},
      h('thead', {}, h('tr', {}, kind.columns.map(column => h('th', { scope: 'col' }, column.label)))),
      rows),
    h('div', { class: 'actions' }, more));
  return load(first(), true);
}

/** The values of a resource's form, as the API takes them: an empty optional field is null. */
function bodyOf(form, kind) {
  const body = {};
  for (const each of kind.fields) {
    const value = valueOf(form, each.name);
    body[each.name] = each.optional && value.trim() === '' ? null : value;
  }
  return body;
}

function formOf(kind, values, submitLabel, onSubmit, onCancel) {
  const form = h('form', { novalidate: true },
    kind.fields.map(each => field(each.label, {
      name: each.name, value: values[each.name] ?? '', multiline: each.multiline,
      autocomplete: 'off', hint: each.hint, required: !each.optional,
    })),
    h('div', { class: 'actions' },
      h('button', { type: 'submit' }, submitLabel),
      h('button', { type: 'button', class: 'secondary', onclick: onCancel }, 'Cancel')));
  form.addEventListener('submit', event => {
    event.preventDefault();
    clearErrors(form);
    onSubmit(form);
  });
  return form;
}

/** The page that makes a new one. */
export function newPage(main, kind) {
  const status = h('div');
  const form = formOf(kind, {}, 'Save', async form => {
    try {
      const { body } = await call('POST', kind.path, { body: bodyOf(form, kind) });
      sessionStorage.setItem('userbase.console.flash', `${kind.singular} created.`);
      go(`#${kind.path}/${body.id}`);
    } catch (error) {
      report(error, { form, place: status });
    }
  }, () => history.back());
  fill(main, h('h1', {}, kind.newLabel), status, form);
  form.querySelector('input, textarea').focus();
}

function record(kind, item) {
  return h('dl', { class: 'record' },
    h('dt', {}, 'Id'), h('dd', {}, String(item.id)),
    kind.fields.map(each => [h('dt', {}, each.label), h('dd', {}, item[each.name] ?? '—')]),
    h('dt', {}, 'Created'), h('dd', {}, time(item.createdAt)),
    h('dt', {}, 'Updated'), h('dd', {}, time(item.updatedAt)),
    h('dt', {}, 'Version'), h('dd', {}, String(item.version)));
}

/** One's own page: every field, Edit, Delete, and what the kind adds below. */
export async function itemPage(main, kind, id) {
  const status = h('div');
  const flash = sessionStorage.getItem('userbase.console.flash');
  sessionStorage.removeItem('userbase.console.flash');
  if (flash) {
    status.append(notice('done', flash));
  }
  let item;
  try {
    item = (await call('GET', `${kind.path}/${encodeURIComponent(id)}`)).body;
  } catch (error) {
    fill(main, h('h1', {}, kind.singular), status);
    report(error, { place: status });
    return;
  }
  const view = h('div');
  const heading = h('h1', {}, item.name);
  const show = current => {
    item = current;
    heading.textContent = current.name;
    fill(view, record(kind, item), h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => edit() }, 'Edit'),
      h('button', { type: 'button', class: 'danger', onclick: () => confirmDelete() }, 'Delete')));
  };
  const edit = (values = item) => {
    const form = formOf(kind, values, 'Save', form => save(form, bodyOf(form, kind), tagOf(item)),
      () => {
        status.replaceChildren();
        show(item);
      });
    fill(view, h('h2', {}, `Edit ${kind.singular.toLowerCase()}`), form);
    form.querySelector('input, textarea').focus();
  };
  const save = async (form, body, tag) => {
    try {
      const saved = (await call('PUT', `${kind.path}/${item.id}`, { body, ifMatch: tag })).body;
      status.replaceChildren(notice('done', 'Saved.'));
      show(saved);
    } catch (error) {
      if (error.status === 412) {
        conflict(body);
      } else {
        report(error, { form, place: status });
      }
    }
  };
  // Someone else changed it meanwhile: show what is stored now, and let the person choose.
  const conflict = async mine => {
    let current;
    try {
      current = (await call('GET', `${kind.path}/${item.id}`)).body;
    } catch (error) {
      report(error, { place: status });
      return;
    }
    item = current;
    const choices = h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => edit(mine) }, 'Re-apply my change'),
      h('button', { type: 'button', class: 'secondary', onclick: () => {
        status.replaceChildren(notice('done', 'Your change was dropped; this is what is stored.'));
        show(current);
      } }, 'Drop my change'));
    status.replaceChildren(notice('error', `Someone else changed this ${kind.singular.toLowerCase()} while you were editing`,
      `It is at version ${current.version} now; nothing of yours was saved. What is stored:`,
      record(kind, current), choices));
    choices.querySelector('button').focus();
  };
  const confirmDelete = () => {
    const dialog = h('dialog', { 'aria-labelledby': 'confirm-title' },
      h('h2', { id: 'confirm-title' }, `Delete this ${kind.singular.toLowerCase()}?`),
      h('p', {}, `“${item.name}” ${kind.deleteNote}`),
      h('form', { method: 'dialog', class: 'actions' },
        h('button', { type: 'submit', class: 'danger', value: 'delete' }, 'Delete'),
        h('button', { type: 'submit', class: 'secondary', value: 'cancel', autofocus: true }, 'Cancel')));
    dialog.addEventListener('close', async () => {
      dialog.remove();
      if (dialog.returnValue !== 'delete') {
        return;
      }
      try {
        await call('DELETE', `${kind.path}/${item.id}`, { ifMatch: tagOf(item) });
        sessionStorage.setItem('userbase.console.flash', `${kind.singular} “${item.name}” deleted.`);
        go(`#${kind.path}`);
      } catch (error) {
        report(error, { place: status });
      }
    });
    document.body.append(dialog);
    dialog.showModal();
  };
  const extra = h('div');
  fill(main, heading, status, view, extra);
  show(item);
  if (kind.extra) {
    await kind.extra(extra, item);
  }
}

/** A notice kept across a move to another page (after a create or a delete). */
export function flashInto(place) {
  const flash = sessionStorage.getItem('userbase.console.flash');
  sessionStorage.removeItem('userbase.console.flash');
  if (flash) {
    place.append(notice('done', flash));
  }
}
