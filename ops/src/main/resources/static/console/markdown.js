// Model output is untrusted: it is parsed as Markdown, then sanitised before it reaches the page.

const { marked, DOMPurify, hljs } = globalThis;

marked.setOptions({ gfm: true, breaks: false });

DOMPurify.addHook('afterSanitizeAttributes', node => {
    if (node.tagName === 'A' && node.hasAttribute('href')) {
        node.setAttribute('rel', 'noopener noreferrer nofollow');
        node.setAttribute('target', '_blank');
    }
});

/** Renders Markdown into the element: sanitised HTML, with its code highlighted. */
export function renderMarkdown(element, text) {
    const html = marked.parse(text || '');
    element.innerHTML = DOMPurify.sanitize(html, { FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select'], FORBID_ATTR: ['style'] });
    element.querySelectorAll('pre code').forEach(block => {
        hljs.highlightElement(block);
    });
}
