// The console's only way to the server: the public API, with the signed-in token when there is
// one. The token lives in this tab's sessionStorage, never in a cookie or a URL.

const TOKEN = 'userbase.console.token';

export function token() {
  return sessionStorage.getItem(TOKEN);
}

export function signIn(value) {
  sessionStorage.setItem(TOKEN, value);
}

export function signOut() {
  sessionStorage.removeItem(TOKEN);
}

/** A call that did not succeed: its status, its problem+json body, and how to find it in logs. */
export class ApiError extends Error {
  constructor(status, problem, requestId, retryAfter) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
    this.requestId = requestId;
    this.retryAfter = retryAfter;
  }

  /** The last part of the problem's type, such as email-taken. */
  get kind() {
    const type = this.problem.type || '';
    return type.slice(type.lastIndexOf(':') + 1);
  }
}

/**
 * Calls the API; resolves to {status, body, etag} on 2xx and 304, rejects with an ApiError
 * otherwise (status 0 when the server could not be reached).
 */
export async function call(method, path, { body, ifMatch, accept = 'application/json' } = {}) {
  const headers = { Accept: accept };
  const signedIn = token();
  if (signedIn) {
    headers.Authorization = `Bearer ${signedIn}`;
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (ifMatch) {
    headers['If-Match'] = ifMatch;
  }
  let response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'omit',
      redirect: 'error',
    });
  } catch (e) {
    throw new ApiError(0, {
      title: 'The server cannot be reached',
      detail: 'The server did not answer: it may be stopped or restarting. Try again when it is back.',
    }, null, null);
  }
  const requestId = response.headers.get('X-Request-Id');
  if (response.ok) {
    const type = response.headers.get('Content-Type') || '';
    const json = type.startsWith('application/json') || type.includes('+json');
    const data = response.status === 204 ? null : json ? await response.json() : await response.blob();
    return { status: response.status, body: data, etag: response.headers.get('ETag'), requestId };
  }
  let problem = {};
  try {
    problem = await response.json();
  } catch (e) {
    problem = { title: `HTTP ${response.status}` };
  }
  throw new ApiError(response.status, problem, problem.requestId || requestId,
    response.headers.get('Retry-After'));
}

/** The ETag of a resource at a version, as the API gives it. */
export function tagOf(resource) {
  return `"${resource.version}"`;
}
