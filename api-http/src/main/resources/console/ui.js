// Messages: where a failed call is shown, and what it says a person can do about it.
import { ApiError } from './api.js';
import { fieldError, h } from './dom.js';

let unauthorized = () => {};

/** What to do when a call answers 401: the console registers its sign-in page here. */
export function onUnauthorized(handler) {
  unauthorized = handler;
}

/** A box with a title, lines of text and, for a failed call, its request id. */
export function notice(kind, title, ...lines) {
  return h('div', { class: `notice ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    h('p', {}, h('strong', {}, title)),
    ...lines.filter(Boolean).map(line => (line instanceof Node ? line : h('p', {}, line))));
}

/**
 * Shows a failed call where it belongs: a field's error next to the field, a 401 as the sign-in
 * page, anything else in a notice at {@code place} (replacing what was there).
 */
export function report(error, { form, place }) {
  if (!(error instanceof ApiError)) {
    place.replaceChildren(notice('error', 'Something went wrong in the page', String(error)));
    return;
  }
  if (error.status === 401) {
    unauthorized(error.problem.detail);
    return;
  }
  const lines = [];
  let placed = false;
  if (form && error.status === 400 && Array.isArray(error.problem.errors)) {
    for (const each of error.problem.errors) {
      if (fieldError(form, each.field, each.message)) {
        placed = true;
      } else {
        lines.push(`${each.field}: ${each.message}`);
      }
    }
  }
  if (form && error.status === 409) {
    const onField = { 'email-taken': 'email', 'group-name-taken': 'name' }[error.kind];
    if (onField && fieldError(form, onField, error.problem.detail || error.problem.title)) {
      placed = true;
    }
  }
  const title = {
    0: 'The server cannot be reached',
    400: placed && lines.length === 0 ? 'Some fields need a change' : 'The request was refused',
    403: 'Not allowed with this token',
    404: 'Not found',
    409: 'In conflict with what is stored',
    429: 'Too many requests',
    503: 'The store cannot serve just now',
  }[error.status] || error.problem.title || `Failed (HTTP ${error.status})`;
  if (error.problem.detail && !(placed && error.status === 409)) {
    lines.unshift(error.problem.detail);
  }
  if (error.retryAfter) {
    lines.push(`Try again in ${error.retryAfter} s.`);
  }
  if (error.requestId) {
    lines.push(h('p', { class: 'request-id' }, `Request id: ${error.requestId}`));
  }
  place.replaceChildren(notice('error', title, ...lines));
}
