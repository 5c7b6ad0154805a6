// Users: what their pages show and take, and a user's groups on the user's page.
import { call } from './api.js';
import { h } from './dom.js';
import { itemPage, listPage, newPage } from './resources.js';
import { report } from './ui.js';

export const USERS = {
  path: '/users',
  title: 'Users',
  singular: 'User',
  plural: 'users',
  searchLabel: 'Search users',
  newLabel: 'New user',
  deleteNote: 'will be removed, and with them their group memberships.',
  fields: [
    { name: 'name', label: 'Name' },
    { name: 'email', label: 'Email', optional: true, hint: 'Optional; unique among users' },
  ],
  columns: [
    { label: 'Name', value: user => user.name, link: true },
    { label: 'Email', value: user => user.email ?? '—' },
    { label: 'Id', value: user => String(user.id) },
  ],
  extra: groupsOfUser,
};

async function groupsOfUser(place, user) {
  const list = h('ul');
  const status = h('div');
  place.append(h('h2', {}, 'Groups'), status, list);
  try {
    let path = `/users/${user.id}/groups?limit=500`;
    while (path) {
      const { body } = await call('GET', path);
      for (const group of body.items) {
        list.append(h('li', {}, h('a', { href: `#/groups/${group.id}` }, group.name)));
      }
      path = body.next;
    }
    if (!list.children.length) {
      list.replaceWith(h('p', { class: 'empty' }, 'In no group.'));
    }
  } catch (error) {
    report(error, { place: status });
  }
}

export const usersPage = (main, query) => listPage(main, USERS, query);
export const newUserPage = main => newPage(main, USERS);
export const userPage = (main, id) => itemPage(main, USERS, id);
