// The chat: sessions, the model picker, streamed answers rendered as Markdown, stop, edit, regenerate, branches.

import { h, field, replace, number, time } from '../dom.js';
import { get, patch, post, remove, session, query, upload } from '../api.js';
import { streamEvents } from '../stream.js';
import { renderMarkdown } from '../markdown.js';
import { problemPanel } from '../problems.js';
import { showWallet } from '../shell.js';

const STREAMING = 'aipasta.streaming';
const MODEL = 'aipasta.model';

function rememberStreaming(sessionId, messageId) {
    sessionStorage.setItem(STREAMING, JSON.stringify({ sessionId, messageId }));
}

function streamingOf(sessionId) {
    const record = JSON.parse(sessionStorage.getItem(STREAMING) || 'null');
    return record && record.sessionId === sessionId ? record.messageId : null;
}

function forgetStreaming(messageId) {
    const record = JSON.parse(sessionStorage.getItem(STREAMING) || 'null');
    if (record && record.messageId === messageId) {
        sessionStorage.removeItem(STREAMING);
    }
}

/** The picker's options: auto first, then the free models, then the paid ones marked with the plan they need. */
function modelPicker(models, user) {
    const free = models.filter(model => model.free || model.requiredPlan === 'free');
    const paid = models.filter(model => !(model.free || model.requiredPlan === 'free'));
    const plan = user && user.plan;
    const option = model => h('option', { value: model.id },
        model.free || model.requiredPlan === 'free' ? model.name || model.id
            : `${model.name || model.id} — needs ${model.requiredPlan}${plan === model.requiredPlan ? '' : ' plan'}`);
    const select = h('select', { id: 'model', name: 'model' },
        h('option', { value: 'auto' }, 'Auto: the best-ranked model your plan allows'),
        free.length ? h('optgroup', { label: 'Free models' }, free.map(option)) : null,
        paid.length ? h('optgroup', { label: 'Paid models' }, paid.map(option)) : null);
    const remembered = sessionStorage.getItem(MODEL);
    if (remembered && [...select.options].some(choice => choice.value === remembered)) {
        select.value = remembered;
    }
    select.addEventListener('change', () => sessionStorage.setItem(MODEL, select.value));
    return select;
}

export async function render(main, [sessionId]) {
    const state = {
        sessionId: sessionId || null,
        sessions: [],
        detail: null,
        streaming: null,
        controller: new AbortController(),
    };
    const user = session.user();
    const [catalogue, sessions] = await Promise.all([
        get(`/api/models${query({ limit: 100 })}`).catch(error => ({ models: [], error })),
        get(`/api/chat/sessions${query({ limit: 100 })}`),
    ]);
    state.sessions = sessions.sessions;

    const picker = modelPicker(catalogue.models, user);
    const compareToggle = h('input', { type: 'checkbox', id: 'compare-toggle' });
    const compareChoices = h('fieldset', { id: 'compare-models', class: 'compare-models', hidden: true },
        h('legend', {}, 'Models to compare, two to four'),
        catalogue.models.map(model => h('label', {},
            h('input', { type: 'checkbox', name: 'compare-model', value: model.id }),
            ` ${model.name || model.id}${model.free || model.requiredPlan === 'free' ? '' : ` (needs ${model.requiredPlan})`}`)));
    compareToggle.addEventListener('change', () => {
        compareChoices.hidden = !compareToggle.checked;
        picker.disabled = compareToggle.checked;
    });
    const search = h('input', { type: 'search', id: 'session-search', placeholder: 'Title contains…' });
    const sessionList = h('ul', { id: 'session-list', class: 'session-list' });
    const title = h('h1', { id: 'chat-title', tabindex: '-1' }, 'New chat');
    const branches = h('div', { id: 'branches', class: 'branches' });
    const messages = h('ol', { id: 'messages', class: 'messages', role: 'log', 'aria-live': 'polite', 'aria-label': 'Messages' });
    const problem = h('div', { id: 'chat-problem', class: 'problem-slot' });
    const input = h('textarea', { id: 'message', name: 'message', rows: 3, required: true, placeholder: 'Ask anything. Markdown is welcome.' });
    const send = h('button', { type: 'submit', id: 'send', class: 'primary' }, 'Send');
    const stop = h('button', { type: 'button', id: 'stop', hidden: true }, 'Stop');
    const guest = user && user.role === 'guest';
    const files = guest ? null : h('input', { type: 'file', id: 'attachments', name: 'files', multiple: true });
    const actions = h('div', { class: 'composer-actions' }, stop, send);
    const composer = h('form', { id: 'composer', class: 'composer' },
        field('Message', input, 'Enter sends, Shift+Enter starts a new line.'),
        files ? field('Attach files', files, 'Images, PDFs and text files go to the model with the message.') : null,
        actions);

    main.append(h('div', { class: 'chat-layout' },
        h('aside', { class: 'sessions', 'aria-label': 'Your chats' },
            h('button', { type: 'button', id: 'new-chat', onclick: () => { location.hash = '#/chat'; } }, 'New chat'),
            field('Search chats', search),
            sessionList),
        h('section', { class: 'conversation', 'aria-labelledby': 'chat-title' },
            title,
            h('div', { class: 'chat-tools' }, field('Model', picker),
                h('label', { class: 'toggle' }, compareToggle, ' Compare models side by side'), branches),
            compareChoices,
            catalogue.error ? problemPanel(catalogue.error) : null,
            messages, problem, composer)));

    function showSessions() {
        const wanted = search.value.trim().toLowerCase();
        const shown = state.sessions.filter(item => !wanted || (item.title || '').toLowerCase().includes(wanted));
        replace(sessionList, shown.length ? shown.map(sessionItem)
            : h('li', { class: 'hint' }, wanted ? 'No chat has that in its title.' : 'No chats yet.'));
    }

    function sessionItem(item) {
        const current = item.id === state.sessionId;
        return h('li', { class: current ? 'current' : '', dataset: { sessionId: item.id } },
            h('a', { href: `#/chat/${encodeURIComponent(item.id)}`, 'aria-current': current ? 'page' : null },
                item.title || 'Untitled', h('small', {}, ` ${time(item.lastActivityAt)}`)),
            h('span', { class: 'item-actions' },
                h('button', { type: 'button', class: 'link', 'aria-label': `Rename ${item.title}`, onclick: () => rename(item) }, 'Rename'),
                h('button', { type: 'button', class: 'link danger', 'aria-label': `Delete ${item.title}`, onclick: () => deleteSession(item) }, 'Delete')));
    }

    async function rename(item) {
        const titleText = prompt('New title for this chat', item.title || '');
        if (titleText === null || !titleText.trim()) {
            return;
        }
        await guarded(async () => {
            const updated = (await patch(`/api/chat/sessions/${encodeURIComponent(item.id)}`, { title: titleText.trim() })).session;
            state.sessions = state.sessions.map(existing => existing.id === item.id ? updated : existing);
            if (item.id === state.sessionId) {
                title.textContent = updated.title;
            }
            showSessions();
        });
    }

    async function deleteSession(item) {
        if (!confirm(`Delete “${item.title}” and its messages?`)) {
            return;
        }
        await guarded(async () => {
            await remove(`/api/chat/sessions/${encodeURIComponent(item.id)}`);
            state.sessions = state.sessions.filter(existing => existing.id !== item.id);
            if (item.id === state.sessionId) {
                location.hash = '#/chat';
            } else {
                showSessions();
            }
        });
    }

    function showProblem(panel) {
        replace(problem, panel);
        problem.scrollIntoView({ block: 'nearest' });
    }

    async function guarded(action, options = {}) {
        replace(problem);
        try {
            await action();
        } catch (error) {
            if (error.name !== 'AbortError') {
                showProblem(problemPanel(error, options));
            }
        }
    }

    const toFreeModel = {
        onFreeModel: () => {
            picker.value = 'auto';
            const firstFree = picker.querySelector('optgroup[label="Free models"] option');
            if (firstFree) {
                picker.value = firstFree.value;
            }
            sessionStorage.setItem(MODEL, picker.value);
            replace(problem);
            input.focus();
        },
    };

    async function loadSession(branch) {
        state.detail = await get(`/api/chat/sessions/${encodeURIComponent(state.sessionId)}${query({ branch })}`);
        title.textContent = state.detail.session.title || 'Untitled';
        if (state.detail.session.modelId && !sessionStorage.getItem(MODEL)) {
            picker.value = state.detail.session.modelId;
        }
        showMessages();
        showBranches();
    }

    function showBranches() {
        const leaves = (state.detail && state.detail.branches) || [];
        if (leaves.length < 2) {
            replace(branches);
            return;
        }
        const currentLeaf = state.detail.branch;
        const select = h('select', { id: 'branch' }, leaves.map((leaf, index) =>
            h('option', { value: leaf, selected: leaf === currentLeaf }, `Branch ${index + 1} of ${leaves.length}`)));
        select.value = leaves.includes(currentLeaf) ? currentLeaf : leaves[leaves.length - 1];
        select.addEventListener('change', () => guarded(() => loadSession(select.value)));
        replace(branches, field('Branch', select, 'Edits and regenerations keep the earlier versions as branches.'));
    }

    /**
     * Keeps Stop and Send where a click lands, the newest text just above them: scrolling to the text instead put
     * them below the fold and scrolled away from them at every paint.
     */
    function keepComposerInView() {
        actions.scrollIntoView({ block: 'nearest' });
    }

    function showMessages() {
        replace(messages, state.detail.messages.map(messageItem));
        keepComposerInView();
    }

    function messageItem(message) {
        const item = h('li', { class: `message ${message.role}`, dataset: { id: message.id || '', role: message.role, status: message.status || '' } });
        fillMessage(item, message);
        return item;
    }

    function fillMessage(item, message) {
        item.dataset.status = message.status || '';
        if (message.id) {
            item.dataset.id = message.id;
        }
        const content = h('div', { class: 'content' });
        if (message.role === 'assistant') {
            renderMarkdown(content, message.content);
        } else {
            content.textContent = message.content;
        }
        const thoughts = message.thoughts
            ? h('details', { class: 'thoughts' }, h('summary', {}, 'Thoughts'), h('div', { class: 'thought-text' }, message.thoughts)) : null;
        const about = message.role === 'assistant'
            ? [message.modelId, message.status !== 'complete' ? message.status : null,
                message.usage ? `${number(message.usage.totalTokens)} tokens` : null,
                message.errorMessage].filter(Boolean).join(' · ')
            : 'You';
        const actions = h('div', { class: 'message-actions' });
        if (message.id && message.role === 'assistant' && message.status !== 'generating') {
            actions.append(h('button', { type: 'button', class: 'link', onclick: () => regenerate(message) }, 'Regenerate'));
        }
        if (message.id && message.role === 'user') {
            actions.append(h('button', { type: 'button', class: 'link', onclick: () => edit(item, message) }, 'Edit'));
        }
        const attachments = message.attachments && message.attachments.length
            ? h('ul', { class: 'attachments', 'aria-label': 'Attached files' },
                message.attachments.map(file => h('li', {}, `📎 ${file.name}`, h('small', {}, ` ${file.type}, ${number(file.size)} bytes`))))
            : null;
        replace(item, h('div', { class: 'about' }, about), thoughts, content, attachments, actions);
    }

    function edit(item, message) {
        const text = h('textarea', { rows: 3, value: message.content });
        const editor = h('form', { class: 'editor' },
            field('Edit your message', text, 'Sending starts a new branch; the earlier one is kept.'),
            h('div', { class: 'composer-actions' },
                h('button', { type: 'button', onclick: () => fillMessage(item, message) }, 'Cancel'),
                h('button', { type: 'submit', class: 'primary' }, 'Send the edit')));
        editor.addEventListener('submit', event => {
            event.preventDefault();
            if (text.value.trim()) {
                while (item.nextSibling) {
                    item.nextSibling.remove();
                }
                fillMessage(item, { ...message, id: null, content: text.value });
                run(`/api/chat/messages/${encodeURIComponent(message.id)}/edit`, { content: text.value, modelId: picker.value });
            }
        });
        replace(item, editor);
        text.focus();
    }

    function regenerate(message) {
        const item = messages.querySelector(`[data-id="${CSS.escape(message.id)}"]`);
        while (item && item.nextSibling) {
            item.nextSibling.remove();
        }
        if (item) {
            item.remove();
        }
        run(`/api/chat/messages/${encodeURIComponent(message.id)}/regenerate`, { modelId: picker.value });
    }

    /** Streams an answer into a new message at the end of the list, however the turn began. */
    async function run(path, body, { method = 'POST', existing = null, onRefused = null } = {}) {
        const answer = existing || messageItem({ role: 'assistant', content: '', status: 'generating', modelId: body && body.modelId });
        if (!existing) {
            messages.append(answer);
        }
        const live = { text: '', thoughts: '', messageId: existing ? existing.dataset.id : null, pending: false };
        const content = () => answer.querySelector('.content');
        const paint = () => {
            live.pending = false;
            renderMarkdown(content(), live.text);
            if (live.thoughts) {
                let details = answer.querySelector('.thoughts');
                if (!details) {
                    details = h('details', { class: 'thoughts' }, h('summary', {}, 'Thoughts'), h('div', { class: 'thought-text' }));
                    answer.insertBefore(details, content());
                }
                details.querySelector('.thought-text').textContent = live.thoughts;
            }
            keepComposerInView();
        };
        const repaint = () => {
            if (!live.pending) {
                live.pending = true;
                requestAnimationFrame(paint);
            }
        };
        replace(problem);
        state.streaming = live;
        setBusy(true);
        let ended = null;
        try {
            await streamEvents(path, {
                method,
                body,
                signal: state.controller.signal,
                onEvent(name, data) {
                    if (name === 'meta') {
                        live.messageId = data.messageId;
                        answer.dataset.id = data.messageId;
                        if (!state.sessionId || state.sessionId !== data.sessionId) {
                            state.sessionId = data.sessionId;
                            history.replaceState(null, '', `#/chat/${encodeURIComponent(data.sessionId)}`);
                        }
                        rememberStreaming(data.sessionId, data.messageId);
                        if (data.modelId) {
                            answer.querySelector('.about').textContent = `${data.modelId}${data.autoSelected ? ' (auto)' : ''} · generating`;
                        }
                    } else if (name === 'thought') {
                        live.thoughts += data.text;
                        repaint();
                    } else if (name === 'delta') {
                        live.text += data.text;
                        repaint();
                    } else if (name === 'done') {
                        ended = name;
                        fillMessage(answer, data.message);
                        showWallet(data.user && data.user.tokens);
                    } else if (name === 'error') {
                        ended = name;
                        if (data.partial) {
                            fillMessage(answer, data.partial);
                        } else {
                            answer.dataset.status = 'failed';
                        }
                        showWallet(data.user && data.user.tokens);
                        if (data.code !== 'STOPPED') {
                            showProblem(problemPanel({ status: 502, code: data.code, message: data.message, details: {} }));
                        }
                    }
                },
            });
            if (!ended && live.messageId) {
                replace(problem, problemPanel({ status: 0, code: 'NETWORK',
                    message: 'The connection ended before the answer did. Reload the page to follow the answer again.', details: {} }));
            }
        } catch (error) {
            if (error.name === 'AbortError') {
                return;
            }
            answer.remove();
            if (onRefused) {
                onRefused();
            }
            showProblem(problemPanel(error, toFreeModel));
            showWallet(error.details && error.details.user && error.details.user.tokens);
        } finally {
            state.streaming = null;
            if (!ended) {
                setBusy(false);
            }
        }
        if (ended) {
            forgetStreaming(live.messageId);
            try {
                await refreshAfterTurn();
            } finally {
                setBusy(false);
            }
        }
    }

    /** Streams the answers of several models to one message side by side; each can be preferred with a vote. */
    async function compare(body, onRefused) {
        const row = h('li', { class: 'comparison', 'aria-label': 'Answers side by side' });
        messages.append(row);
        const columns = new Map();
        const live = { messageIds: [] };
        replace(problem);
        state.streaming = live;
        setBusy(true);
        let ended = 0;
        try {
            await streamEvents('/api/chat/compare', {
                body,
                signal: state.controller.signal,
                onEvent(name, data) {
                    if (name === 'meta') {
                        if (!state.sessionId || state.sessionId !== data.sessionId) {
                            state.sessionId = data.sessionId;
                            history.replaceState(null, '', `#/chat/${encodeURIComponent(data.sessionId)}`);
                        }
                        const column = messageItem({ id: data.messageId, role: 'assistant', content: '', status: 'generating', modelId: data.modelId });
                        columns.set(data.messageId, { element: column, text: '' });
                        live.messageIds.push(data.messageId);
                        row.append(column);
                        return;
                    }
                    const column = columns.get(data.messageId);
                    if (!column) {
                        return;
                    }
                    if (name === 'delta') {
                        column.text += data.text;
                        renderMarkdown(column.element.querySelector('.content'), column.text);
                        keepComposerInView();
                    } else if (name === 'done') {
                        ended++;
                        fillMessage(column.element, data.message);
                        column.element.querySelector('.message-actions').append(preferButton(data.message.id));
                        showWallet(data.user && data.user.tokens);
                    } else if (name === 'error') {
                        ended++;
                        fillMessage(column.element, data.partial || { id: data.messageId, role: 'assistant', content: '',
                            status: 'failed', modelId: data.modelId, errorMessage: data.message });
                        showWallet(data.user && data.user.tokens);
                    }
                },
            });
        } catch (error) {
            if (error.name === 'AbortError') {
                return;
            }
            row.remove();
            onRefused();
            showProblem(problemPanel(error));
            showWallet(error.details && error.details.user && error.details.user.tokens);
        } finally {
            state.streaming = null;
            if (!ended) {
                setBusy(false);
            }
        }
        if (ended) {
            try {
                const [list, detail] = await Promise.all([get(`/api/chat/sessions${query({ limit: 100 })}`),
                    get(`/api/chat/sessions/${encodeURIComponent(state.sessionId)}`)]);
                state.sessions = list.sessions;
                state.detail = detail;
                title.textContent = detail.session.title || 'Untitled';
                showSessions();
                showBranches();
                keepComposerInView();
            } finally {
                setBusy(false);
            }
        }
    }

    function preferButton(messageId) {
        const button = h('button', { type: 'button', class: 'link', onclick: async () => {
            try {
                await post('/api/leaderboard/vote', { messageId, vote: 'up' });
                button.textContent = 'Preferred';
                button.disabled = true;
            } catch (error) {
                showProblem(problemPanel(error));
            }
        } }, 'Prefer this answer');
        return button;
    }

    /** Shows the turn's end everywhere before the composer takes the next message, which it keeps in view. */
    async function refreshAfterTurn() {
        const [list] = await Promise.all([get(`/api/chat/sessions${query({ limit: 100 })}`), loadSession()]);
        state.sessions = list.sessions;
        showSessions();
        keepComposerInView();
    }

    function setBusy(busy) {
        send.disabled = busy;
        stop.hidden = !busy;
        input.setAttribute('aria-busy', String(busy));
    }

    stop.addEventListener('click', () => {
        const live = state.streaming;
        const running = live ? (live.messageIds || [live.messageId]).filter(Boolean) : [];
        if (running.length) {
            stop.disabled = true;
            guarded(async () => {
                for (const messageId of running) {
                    const stopped = await post(`/api/chat/messages/${encodeURIComponent(messageId)}/stop`);
                    showWallet(stopped.user && stopped.user.tokens);
                    const answer = messages.querySelector(`[data-id="${CSS.escape(messageId)}"]`);
                    if (answer && answer.dataset.status === 'generating' && stopped.message) {
                        fillMessage(answer, stopped.message);
                    }
                }
            }).finally(() => { stop.disabled = false; });
        }
    });

    composer.addEventListener('submit', async event => {
        event.preventDefault();
        const text = input.value;
        if (!text.trim() || state.streaming) {
            return;
        }
        let attached = [];
        if (files && files.files.length) {
            const form = new FormData();
            [...files.files].forEach(file => form.append('files', file));
            send.disabled = true;
            try {
                attached = (await upload('/api/files', form)).files;
            } catch (error) {
                showProblem(problemPanel(error));
                return;
            } finally {
                send.disabled = false;
            }
            files.value = '';
        }
        input.value = '';
        const sent = messageItem({ role: 'user', content: text, attachments: attached });
        messages.append(sent);
        const onRefused = () => {
            sent.remove();
            input.value = text;
        };
        const body = { message: text };
        if (state.sessionId) {
            body.sessionId = state.sessionId;
        }
        if (attached.length) {
            body.files = attached.map(file => file.fileId);
        }
        if (compareToggle.checked) {
            body.modelIds = [...compareChoices.querySelectorAll('input:checked')].map(choice => choice.value);
            compare(body, onRefused);
        } else {
            body.modelId = picker.value;
            run('/api/chat', body, { onRefused });
        }
    });

    input.addEventListener('keydown', event => {
        if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            composer.requestSubmit();
        }
    });

    search.addEventListener('input', showSessions);
    showSessions();

    if (state.sessionId) {
        await loadSession();
        const running = streamingOf(state.sessionId)
            || (state.detail.messages.find(message => message.status === 'generating') || {}).id;
        if (running) {
            let item = messages.querySelector(`[data-id="${CSS.escape(running)}"]`);
            if (!item) {
                item = messageItem({ id: running, role: 'assistant', content: '', status: 'generating' });
                messages.append(item);
            }
            replace(item.querySelector('.content'));
            run(`/api/chat/messages/${encodeURIComponent(running)}/stream`, undefined, { method: 'GET', existing: item });
        }
    } else {
        input.focus();
    }
    return () => state.controller.abort();
}
