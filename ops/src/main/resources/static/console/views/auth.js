// Signing in, creating an account and trying the platform as a guest.

import { h, field, heading, replace } from '../dom.js';
import { session, post } from '../api.js';
import { problemPanel } from '../problems.js';
import { showWallet } from '../shell.js';

function signedIn(data) {
    session.signIn(data.token, data.user);
    showWallet(data.user.tokens);
    location.hash = '#/chat';
}

function form(title, fields, submitLabel, onSubmit) {
    const problem = h('div', { class: 'problem-slot', 'aria-live': 'polite' });
    const submit = h('button', { type: 'submit', class: 'primary' }, submitLabel);
    const element = h('form', { class: 'card narrow', novalidate: true }, heading(title), fields, problem, submit);
    element.addEventListener('submit', async event => {
        event.preventDefault();
        replace(problem);
        submit.disabled = true;
        try {
            await onSubmit(new FormData(element));
        } catch (error) {
            replace(problem, problemPanel(error));
        } finally {
            submit.disabled = false;
        }
    });
    return element;
}

async function asGuest(problem) {
    try {
        signedIn(await post('/api/auth/guest'));
    } catch (error) {
        replace(problem, problemPanel(error));
    }
}

export function login(main) {
    const guestProblem = h('div', { 'aria-live': 'polite' });
    main.append(
        form('Sign in', [
            field('E-mail', h('input', { name: 'email', type: 'email', autocomplete: 'username', required: true, id: 'login-email' })),
            field('Password', h('input', { name: 'password', type: 'password', autocomplete: 'current-password', required: true, id: 'login-password' })),
        ], 'Sign in', async data => signedIn(await post('/api/auth/login',
            { email: data.get('email'), password: data.get('password') }))),
        h('div', { class: 'card narrow alternatives' },
            h('p', {}, 'New here? ', h('a', { href: '#/signup', id: 'to-signup' }, 'Create an account'), '.'),
            h('p', {}, 'Or try it first: ', h('button', { type: 'button', id: 'guest', onclick: () => asGuest(guestProblem) },
                'Continue as a guest'), ' (free models, a few messages, for a day).'),
            guestProblem));
}

export function signup(main) {
    const guest = session.user() && session.user().role === 'guest';
    main.append(
        form('Create an account', [
            guest ? h('p', { class: 'hint' }, 'Your guest chats and wallet come along to the new account.') : null,
            field('Name', h('input', { name: 'name', autocomplete: 'name', required: true, id: 'signup-name' })),
            field('E-mail', h('input', { name: 'email', type: 'email', autocomplete: 'email', required: true, id: 'signup-email' })),
            field('Password', h('input', { name: 'password', type: 'password', autocomplete: 'new-password', required: true, id: 'signup-password' }),
                'At least 10 characters; not a common password, your name or your e-mail address.'),
        ], 'Create the account', async data => signedIn(await post('/api/auth/register',
            { name: data.get('name'), email: data.get('email'), password: data.get('password') }))),
        guest ? null : h('p', { class: 'card narrow' }, 'Already registered? ', h('a', { href: '#/login' }, 'Sign in'), '.'));
}
