// The console: a page per route of the address's fragment, each built from the API.

import { session, onUnauthorized } from './api.js';
import { h, replace } from './dom.js';
import { renderNav, refreshWallet, notice } from './shell.js';
import { problemPanel } from './problems.js';
import * as auth from './views/auth.js';
import * as chat from './views/chat.js';
import * as wallet from './views/wallet.js';
import * as leaderboard from './views/leaderboard.js';
import * as account from './views/account.js';
import * as admin from './views/admin.js';

const routes = {
    login: { render: auth.login, title: 'Sign in', public: true },
    signup: { render: auth.signup, title: 'Create an account', public: true },
    chat: { render: chat.render, title: 'Chat' },
    wallet: { render: wallet.render, title: 'Wallet' },
    leaderboard: { render: leaderboard.render, title: 'Leaderboard', public: true },
    account: { render: account.render, title: 'Account' },
    admin: { render: admin.render, title: 'Administration', admin: true },
};

let leaving = null;

async function show() {
    const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
    const user = session.user();
    const fallback = session.token() ? 'chat' : 'login';
    const routeName = routes[name] ? name : fallback;
    const route = routes[routeName];
    if (!route.public && !session.token()) {
        location.hash = '#/login';
        return;
    }
    if ((routeName === 'login' || routeName === 'signup') && user && user.role !== 'guest') {
        location.hash = '#/chat';
        return;
    }
    if (leaving) {
        leaving();
        leaving = null;
    }
    renderNav(routeName);
    document.title = `${route.title} · AI Pasta`;
    const main = document.getElementById('main');
    replace(main);
    if (route.admin && (!user || user.role !== 'admin')) {
        main.append(problemPanel({ status: 403, code: 'FORBIDDEN', message: 'This page is for administrators', details: {} }));
        return;
    }
    try {
        if (session.token()) {
            refreshWallet().catch(() => {});
        }
        leaving = (await route.render(main, rest.map(decodeURIComponent))) || null;
        const title = main.querySelector('h1');
        if (title) {
            title.focus();
        }
    } catch (error) {
        main.append(h('h1', {}, route.title), problemPanel(error));
    }
}

onUnauthorized(() => {
    session.signOut();
    notice('Your session has ended. Please sign in again.');
    location.hash = '#/login';
});

window.addEventListener('hashchange', show);
window.addEventListener('unhandledrejection', event => {
    const reason = event.reason || {};
    notice(`Something went wrong: ${reason.message || reason}${reason.code ? ` (${reason.code})` : ''}`);
});
window.addEventListener('error', event => notice(`Something went wrong: ${event.message}`));
show();
