// Operations, for a token with the admin scope: health with its details, a backup, an export.
import { call } from './api.js';
import { fill, h } from './dom.js';
import { notice, report } from './ui.js';

export async function operationsPage(main) {
  const health = h('div');
  const backupStatus = h('div');
  const exportStatus = h('div');
  const backup = h('button', { type: 'button' }, 'Back up now');
  const exporting = h('button', { type: 'button' }, 'Export');
  backup.addEventListener('click', async () => {
    backup.disabled = true;
    backupStatus.replaceChildren(notice('status', 'Backing up…'));
    try {
      const { body } = await call('POST', '/admin/backup');
      backupStatus.replaceChildren(notice('done', 'Backed up',
        `${body.users} users to ${body.file}, ${body.bytes.toLocaleString()} bytes, in ${body.durationMs} ms.`));
    } catch (error) {
      report(error, { place: backupStatus });
    } finally {
      backup.disabled = false;
    }
  });
  exporting.addEventListener('click', async () => {
    exporting.disabled = true;
    try {
      const { body } = await call('GET', '/admin/export', { accept: 'application/x-ndjson' });
      const url = URL.createObjectURL(body);
      const link = h('a', { href: url, download: 'userbase-export.ndjson' });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      exportStatus.replaceChildren(notice('done', 'Exported',
        `userbase-export.ndjson, ${body.size.toLocaleString()} bytes: users, groups and memberships.`));
    } catch (error) {
      report(error, { place: exportStatus });
    } finally {
      exporting.disabled = false;
    }
  });
  fill(main,
    h('h1', {}, 'Operations'),
    h('h2', {}, 'Health'), health,
    h('h2', {}, 'Backup'),
    h('p', {}, 'A consistent copy of the SQLite database, made while the server serves.'),
    h('div', { class: 'actions' }, backup), backupStatus,
    h('h2', {}, 'Export'),
    h('p', {}, 'Every user, group and membership as NDJSON, from one snapshot.'),
    h('div', { class: 'actions' }, exporting), exportStatus);
  try {
    const { body } = await call('GET', '/health');
    showHealth(health, body);
  } catch (error) {
    if (error.status === 503 && error.problem.details) {
      showHealth(health, error.problem);
    } else {
      report(error, { place: health });
    }
  }
}

function showHealth(place, body) {
  place.replaceChildren(
    h('p', {}, 'Status: ', h('strong', {}, body.status ?? 'unknown')),
    body.details
      ? h('pre', { tabindex: 0, 'aria-label': 'Health details' }, JSON.stringify(body.details, null, 2))
      : h('p', { class: 'hint' }, 'Details show to a signed-in token.'));
}
