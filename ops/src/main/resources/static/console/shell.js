// The frame around every page: navigation, the wallet summary and notices.

import { h, replace, number } from './dom.js';
import { session, get, post } from './api.js';

export function renderNav(current) {
    const user = session.user();
    const links = user
        ? [['chat', 'Chat'], ['wallet', 'Wallet'], ['leaderboard', 'Leaderboard'],
            user.role === 'guest' ? ['signup', 'Create an account'] : ['account', 'Account'],
            ...(user.role === 'admin' ? [['admin', 'Admin']] : [])]
        : [['login', 'Sign in'], ['signup', 'Create an account'], ['leaderboard', 'Leaderboard']];
    const nav = document.getElementById('nav');
    replace(nav, h('ul', {}, links.map(([route, label]) => h('li', {},
        h('a', { href: `#/${route}`, 'aria-current': route === current ? 'page' : null }, label))),
        user ? h('li', {}, h('button', { type: 'button', class: 'link', id: 'sign-out', onclick: signOut }, 'Sign out')) : null));
    if (!user) {
        replace(document.getElementById('wallet-summary'));
    }
}

async function signOut() {
    try {
        await post('/api/auth/logout');
    } catch {
        // the token is dropped here whatever the platform answered
    }
    session.signOut();
    location.hash = '#/login';
}

/** Shows the caller's wallet: what they may spend, split into free and purchased tokens. */
export function showWallet(tokens) {
    if (!tokens) {
        return;
    }
    const user = session.user();
    if (user) {
        session.update({ ...user, tokens });
    }
    replace(document.getElementById('wallet-summary'),
        h('a', { href: '#/wallet', title: 'Your wallet' },
            h('span', { class: 'label' }, 'Tokens '),
            h('strong', { id: 'wallet-balance', dataset: { balance: tokens.balance } }, number(tokens.balance)),
            h('span', { class: 'split' }, ` (${number(tokens.freeTokens)} free · ${number(tokens.purchasedTokens)} purchased)`)));
}

export async function refreshWallet() {
    if (session.token()) {
        showWallet(await get('/api/user/wallet'));
    }
}

export function notice(text) {
    const element = document.getElementById('notice');
    element.hidden = !text;
    replace(element, text || '', text ? h('button', { type: 'button', class: 'link', onclick: () => notice('') }, 'Dismiss') : null);
}
