// Building the page: every piece of data goes in as text (a text node or an attribute), never
// as HTML, so a name such as <img src=x onerror=alert(1)> is shown exactly as it is.

/** An element with attributes (on* keys become listeners) and children (strings become text). */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on') && typeof value === 'function') {
      element.addEventListener(key.slice(2).toLowerCase(), value);
    } else if (value === true) {
      element.setAttribute(key, '');
    } else {
      element.setAttribute(key, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces what {@code element} holds. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

let fields = 0;

/** A labelled input (or textarea), with a place under it for its error. */
export function field(label, { name, value = '', type = 'text', multiline = false, hint, ...rest } = {}) {
  const id = `field-${++fields}`;
  const input = multiline
    ? h('textarea', { id, name, 'aria-describedby': `${id}-error`, ...rest }, value ?? '')
    : h('input', { id, name, type, value: value ?? '', 'aria-describedby': `${id}-error`, ...rest });
  const error = h('div', { class: 'field-error', id: `${id}-error`, 'data-error-for': name });
  return h('div', { class: 'field' }, h('label', { for: id }, label), input,
    hint ? h('div', { class: 'hint' }, hint) : null, error);
}

/** The value of the form's field {@code name}: trimmed of nothing, as typed. */
export function valueOf(form, name) {
  return form.elements.namedItem(name).value;
}

/** Clears the form's field errors. */
export function clearErrors(form) {
  for (const error of form.querySelectorAll('[data-error-for]')) {
    error.textContent = '';
  }
  for (const input of form.querySelectorAll('[aria-invalid]')) {
    input.removeAttribute('aria-invalid');
  }
}

/** Puts a message under the form's field {@code name}; false when the form has no such field. */
export function fieldError(form, name, message) {
  const error = form.querySelector(`[data-error-for="${CSS.escape(name)}"]`);
  if (!error) {
    return false;
  }
  error.textContent = message;
  form.elements.namedItem(name)?.setAttribute('aria-invalid', 'true');
  return true;
}

/** A time as the reader's clock shows it, with the exact value in a tooltip. */
export function time(iso) {
  return h('time', { datetime: iso, title: iso }, new Date(iso).toLocaleString());
}

/** Calls {@code run} once typing has paused for {@code ms}. */
export function debounce(run, ms) {
  let timer;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => run(...args), ms);
  };
}
