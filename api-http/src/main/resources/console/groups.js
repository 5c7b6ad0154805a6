// Groups: their pages, and a group's members: paged, "Add member" (find a user by name),
// "Remove".
import { call } from './api.js';
import { debounce, field, h } from './dom.js';
import { itemPage, listPage, newPage } from './resources.js';
import { notice, report } from './ui.js';

export const GROUPS = {
  path: '/groups',
  title: 'Groups',
  singular: 'Group',
  plural: 'groups',
  searchLabel: 'Search groups',
  newLabel: 'New group',
  deleteNote: 'will be removed with its memberships; its users stay.',
  fields: [
    { name: 'name', label: 'Name', hint: 'Unique among groups, ignoring case' },
    { name: 'description', label: 'Description', optional: true, multiline: true },
  ],
  columns: [
    { label: 'Name', value: group => group.name, link: true },
    { label: 'Description', value: group => group.description ?? '—' },
  ],
  extra: members,
};

async function members(place, group) {
  const status = h('div');
  const rows = h('tbody');
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, 'Load more');
  const adding = h('div');
  let next = null;
  const row = user => h('tr', {},
    h('td', { 'data-label': 'Name' }, h('a', { href: `#/users/${user.id}` }, user.name)),
    h('td', { 'data-label': 'Email' }, user.email ?? '—'),
    h('td', {}, h('button', {
      type: 'button', class: 'secondary', 'aria-label': `Remove ${user.name}`,
      onclick: async event => {
        try {
          await call('DELETE', `/groups/${group.id}/members/${user.id}`);
          event.target.closest('tr').remove();
          status.replaceChildren(notice('done', `${user.name} is no longer a member.`));
        } catch (error) {
          report(error, { place: status });
        }
      },
    }, 'Remove')));
  const load = async (path, fresh) => {
    try {
      const { body } = await call('GET', path);
      if (fresh) {
        rows.replaceChildren();
      }
      body.items.forEach(user => rows.append(row(user)));
      next = body.next;
      more.hidden = !next;
    } catch (error) {
      report(error, { place: status });
    }
  };
  more.addEventListener('click', () => load(next, false));
  const first = () => load(`/groups/${group.id}/members?limit=50`, true);
  const openAdd = () => {
    const found = h('ul', { class: 'found', 'aria-live': 'polite' });
    const finder = field('Find user', {
      name: 'find', type: 'search', autocomplete: 'off', hint: 'A name, or its start',
    });
    finder.querySelector('input').addEventListener('input', debounce(async event => {
      const q = event.target.value;
      if (!q) {
        found.replaceChildren();
        return;
      }
      try {
        const { body } = await call('GET', `/users?limit=10&name=${encodeURIComponent(q)}`);
        found.replaceChildren(...body.items.map(user => h('li', {},
          h('span', {}, user.name, user.email ? ` (${user.email})` : ''),
          h('button', {
            type: 'button', 'aria-label': `Add ${user.name}`,
            onclick: async () => {
              try {
                const { status: code } = await call('PUT', `/groups/${group.id}/members/${user.id}`);
                status.replaceChildren(notice('done', code === 201
                  ? `${user.name} is a member now.` : `${user.name} was a member already.`));
                await first();
              } catch (error) {
                report(error, { place: status });
              }
            },
          }, 'Add'))));
        if (!body.items.length) {
          found.replaceChildren(h('li', { class: 'empty' }, 'No user has such a name.'));
        }
      } catch (error) {
        report(error, { place: status });
      }
    }, 250));
    adding.replaceChildren(finder, found);
    finder.querySelector('input').focus();
  };
  place.append(
    h('h2', {}, 'Members'),
    status,
    h('div', { class: 'actions' }, h('button', { type: 'button', onclick: openAdd }, 'Add member')),
    adding,
    h('table', {}, h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Email'),
      h('th', { scope: 'col' }, h('span', { class: 'hint' }, 'Action')))), rows),
    h('div', { class: 'actions' }, more));
  await first();
}

export const groupsPage = (main, query) => listPage(main, GROUPS, query);
export const newGroupPage = main => newPage(main, GROUPS);
export const groupPage = (main, id) => itemPage(main, GROUPS, id);
