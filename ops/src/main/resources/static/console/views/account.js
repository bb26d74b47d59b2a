// The account: profile, password, API keys and the export of everything the platform holds on the caller.

import { h, replace, field, heading, table, time } from '../dom.js';
import { api, get, patch, post, remove, session, authorization, dataOf } from '../api.js';
import { notice } from '../shell.js';
import { problemPanel } from '../problems.js';

function section(id, title, ...content) {
    return h('section', { id, class: 'card', 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), content);
}

function formOf(fields, label, onSubmit) {
    const status = h('div', { 'aria-live': 'polite' });
    const element = h('form', {}, fields, h('button', { type: 'submit', class: 'primary' }, label), status);
    element.addEventListener('submit', async event => {
        event.preventDefault();
        replace(status);
        try {
            const done = await onSubmit(new FormData(element), element);
            if (done) {
                replace(status, h('p', { class: 'success', role: 'status' }, done));
            }
        } catch (error) {
            replace(status, problemPanel(error));
        }
    });
    return element;
}

export async function render(main) {
    const user = session.user();
    if (user && user.role === 'guest') {
        main.append(heading('Account'), h('p', { class: 'card' }, 'You are a guest. ',
            h('a', { href: '#/signup' }, 'Create an account'), ' to keep your chats and wallet and to manage your account.'));
        return;
    }
    const { profile } = await get('/api/user/profile');
    const keys = h('div', { id: 'api-key-list' });
    const newKey = h('div', { 'aria-live': 'polite' });

    async function showKeys() {
        const data = await get('/api/user/api-keys');
        replace(keys, table('Your API keys', ['Name', 'Starts with', 'Scopes', 'Created', 'Last used', ''],
            data.apiKeys.map(key => h('tr', {},
                h('th', { scope: 'row' }, key.name), h('td', {}, h('code', {}, key.prefix)), h('td', {}, key.scopes.join(', ')),
                h('td', {}, time(key.createdAt)), h('td', {}, time(key.lastUsedAt)),
                h('td', {}, h('button', { type: 'button', class: 'link danger', 'aria-label': `Revoke ${key.name}`,
                    onclick: async () => {
                        try {
                            await remove(`/api/user/api-keys/${encodeURIComponent(key.id)}`);
                            await showKeys();
                        } catch (error) {
                            replace(newKey, problemPanel(error));
                        }
                    } }, 'Revoke'))))));
    }

    async function exportAll(status) {
        replace(status);
        try {
            const response = await fetch('/api/user/export', { headers: authorization() });
            if (!response.ok) {
                await dataOf(response);
            }
            const url = URL.createObjectURL(await response.blob());
            const link = h('a', { href: url, download: `aipasta-export-${profile.id}.json` }, 'Download the export');
            replace(status, h('p', { role: 'status' }, 'Your export is ready: ', link));
            link.click();
        } catch (error) {
            replace(status, problemPanel(error));
        }
    }

    const exportStatus = h('div', { 'aria-live': 'polite' });
    main.append(heading('Account'),
        section('profile', 'Profile',
            h('p', {}, `${profile.email} · ${profile.role} · ${profile.plan} plan · since ${time(profile.createdAt)}`),
            formOf([
                field('Name', h('input', { name: 'name', value: profile.name || '', autocomplete: 'name' })),
                field('About you', h('textarea', { name: 'bio', rows: 3, value: profile.bio || '' })),
                field('Theme', h('select', { name: 'theme' }, ['auto', 'light', 'dark'].map(theme =>
                    h('option', { value: theme, selected: (profile.preferences && profile.preferences.theme) === theme }, theme)))),
            ], 'Save the profile', async data => {
                const saved = await patch('/api/user/profile', { name: data.get('name'), bio: data.get('bio'),
                    preferences: { theme: data.get('theme') } });
                session.update({ ...session.user(), name: saved.profile.name });
                return 'Saved.';
            })),
        section('password', 'Password',
            formOf([
                field('Current password', h('input', { name: 'currentPassword', type: 'password', autocomplete: 'current-password' })),
                field('New password', h('input', { name: 'newPassword', type: 'password', autocomplete: 'new-password' }),
                    'Every other session is signed out.'),
            ], 'Change the password', async (data, form) => {
                const changed = await patch('/api/auth/password', { currentPassword: data.get('currentPassword'), newPassword: data.get('newPassword') });
                session.signIn(changed.token, session.user());
                form.reset();
                return 'Changed. Other sessions are signed out.';
            })),
        section('api-keys', 'API keys',
            h('p', { class: 'hint' }, 'A key lets a program chat and list models as you, and nothing else.'),
            keys,
            formOf([field('Name of a new key', h('input', { name: 'name', required: true }))], 'Create a key', async (data, form) => {
                const created = await post('/api/user/api-keys', { name: data.get('name') });
                replace(newKey, h('p', { role: 'status' }, 'Copy the key now; it is not shown again: ', h('code', { class: 'secret' }, created.key)));
                form.reset();
                await showKeys();
                return null;
            }),
            newKey),
        section('export', 'Your data',
            h('p', {}, 'Everything the platform holds about you, as one JSON document.'),
            h('button', { type: 'button', onclick: () => exportAll(exportStatus) }, 'Export my data'), exportStatus),
        section('delete-account', 'Delete the account',
            h('p', {}, 'Deleting the account signs you out everywhere, revokes your API keys and makes what the platform '
                + 'recorded about you unreadable. It cannot be undone; export your data first if you want to keep it.'),
            formOf([
                field('Your password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true })),
                h('label', { class: 'toggle' }, h('input', { type: 'checkbox', name: 'confirm', required: true }),
                    ' I understand that this cannot be undone'),
            ], 'Delete my account', async data => {
                if (!data.get('confirm')) {
                    throw { status: 400, code: 'VALIDATION_FAILED', message: 'Tick the box to confirm the deletion',
                        details: { confirm: 'must be ticked' } };
                }
                await api('/api/user/account', { method: 'DELETE', body: { password: data.get('password') } });
                session.signOut();
                notice('Your account is deleted.');
                location.hash = '#/login';
                return null;
            })));
    await showKeys();
}
