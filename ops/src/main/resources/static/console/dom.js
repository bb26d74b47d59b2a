// Building the page from data without ever parsing it as HTML: text stays text.

export function h(tag, attributes = {}, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
        if (value === undefined || value === null || value === false) {
            continue;
        }
        if (name.startsWith('on') && typeof value === 'function') {
            element.addEventListener(name.slice(2).toLowerCase(), value);
        } else if (name === 'class') {
            element.className = value;
        } else if (name === 'value') {
            element.value = value;
        } else if (name === 'dataset') {
            Object.assign(element.dataset, value);
        } else {
            element.setAttribute(name, value === true ? '' : String(value));
        }
    }
    append(element, children);
    return element;
}

export function append(element, children) {
    for (const child of [children].flat(Infinity)) {
        if (child === null || child === undefined || child === false) {
            continue;
        }
        element.append(child instanceof Node ? child : String(child));
    }
    return element;
}

export function replace(element, ...children) {
    element.replaceChildren();
    return append(element, children);
}

const integers = new Intl.NumberFormat('en');

export function number(value) {
    return value === null || value === undefined ? '–' : integers.format(value);
}

export function money(amount, currency) {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency || 'INR' }).format((amount || 0) / 100);
}

export function time(instant) {
    return instant ? new Date(instant).toLocaleString() : '–';
}

/** A labelled form field: the label names the control for assistive technology. */
export function field(label, control, hint) {
    const id = control.id || `field-${Math.random().toString(36).slice(2)}`;
    control.id = id;
    const hintElement = hint ? h('small', { id: `${id}-hint`, class: 'hint' }, hint) : null;
    if (hintElement) {
        control.setAttribute('aria-describedby', hintElement.id);
    }
    return h('div', { class: 'field' }, h('label', { for: id }, label), control, hintElement);
}

/** A page heading that takes the focus, so a screen reader announces where a navigation led. */
export function heading(text) {
    return h('h1', { tabindex: '-1', class: 'page-title' }, text);
}

export function table(caption, columns, rows, attributes = {}) {
    return h('div', { class: 'table-scroll' },
        h('table', attributes,
            h('caption', {}, caption),
            h('thead', {}, h('tr', {}, columns.map(column => h('th', { scope: 'col' }, column)))),
            h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: columns.length }, 'Nothing yet.')))));
}
