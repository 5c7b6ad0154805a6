// The console: a page of the server's own, on its public API. Pages by the URL's hash:
// #/users, #/users/new, #/users/{id}, the same under #/groups, #/operations and #/sign-in.
import { call, signIn, signOut, token } from './api.js';
import { field, fieldError, fill, h } from './dom.js';
import { groupPage, groupsPage, newGroupPage } from './groups.js';
import { operationsPage } from './operations.js';
import { go } from './resources.js';
import { notice, onUnauthorized, report } from './ui.js';
import { newUserPage, userPage, usersPage } from './users.js';

const main = document.getElementById('main');
const session = document.getElementById('session');
let wanted = '#/users';

onUnauthorized(detail => {
  signOut();
  if (!location.hash.startsWith('#/sign-in')) {
    wanted = location.hash || '#/users';
  }
  showSession();
  signInPage(detail);
});

function showSession() {
  fill(session, token()
    ? [h('span', {}, 'Signed in'), h('button', { type: 'button', class: 'secondary', onclick: () => {
      signOut();
      showSession();
      signInPage('Signed out: the token is forgotten.');
    } }, 'Sign out')]
    : h('span', {}, 'No token'));
}

function signInPage(why) {
  document.title = 'Sign in · Userbase console';
  const status = h('div');
  const form = h('form', { novalidate: true },
    field('Token', { name: 'token', type: 'password', autocomplete: 'off', required: true,
      hint: 'A bearer token from bin/userbase token; kept for this tab only.' }),
    h('div', { class: 'actions' }, h('button', { type: 'submit' }, 'Sign in')));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    const value = form.elements.namedItem('token').value.trim();
    if (!value) {
      fieldError(form, 'token', 'Enter a token.');
      return;
    }
    signIn(value);
    try {
      await call('GET', '/users?limit=1');
    } catch (error) {
      if (error.status === 401) {
        signOut();
        fieldError(form, 'token', 'This token is not accepted: it is unknown, or has expired.');
        return;
      }
      if (error.status !== 403) {
        report(error, { form, place: status });
        signOut();
        return;
      }
    }
    showSession();
    const target = wanted === '#/sign-in' ? '#/users' : wanted;
    if (location.hash === target) {
      route();
    } else {
      go(target);
    }
  });
  fill(main, h('h1', {}, 'Sign in'),
    why ? notice('status', 'This server asks for a token', why) : null, status, form);
  form.querySelector('input').focus();
}

const routes = [
  [/^#\/users\/new$/, () => newUserPage(main)],
  [/^#\/users\/(\d+)$/, match => userPage(main, match[1])],
  [/^#\/users(?:\?(.*))?$/, match => usersPage(main, new URLSearchParams(match[1] || ''))],
  [/^#\/groups\/new$/, () => newGroupPage(main)],
  [/^#\/groups\/(\d+)$/, match => groupPage(main, match[1])],
  [/^#\/groups(?:\?(.*))?$/, match => groupsPage(main, new URLSearchParams(match[1] || ''))],
  [/^#\/operations$/, () => operationsPage(main)],
  [/^#\/sign-in$/, () => signInPage()],
];

function route() {
  const hash = location.hash || '#/users';
  for (const link of document.querySelectorAll('header nav a')) {
    const current = hash.startsWith(link.getAttribute('href'));
    if (current) {
      link.setAttribute('aria-current', 'page');
    } else {
      link.removeAttribute('aria-current');
    }
  }
  const section = hash.split(/[/?]/)[1] || 'users';
  document.title = `${section[0].toUpperCase()}${section.slice(1)} · Userbase console`;
  for (const [pattern, show] of routes) {
    const match = hash.match(pattern);
    if (match) {
      // The page moves focus on where it starts; a screen reader hears the new page.
      main.focus({ preventScroll: true });
      show(match);
      return;
    }
  }
  fill(main, h('h1', {}, 'Not found'), h('p', {}, 'No such page in the console. ',
    h('a', { href: '#/users' }, 'Go to the users')));
}

window.addEventListener('hashchange', route);
showSession();
route();
