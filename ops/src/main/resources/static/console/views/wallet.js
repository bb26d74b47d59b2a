// The wallet: the balance split into free and purchased tokens, the ledger, the plans and buying one.

import { h, replace, number, money, time, heading, table } from '../dom.js';
import { get, post, session, query } from '../api.js';
import { problemPanel } from '../problems.js';
import { showWallet } from '../shell.js';

const CHECKOUT_SCRIPT = 'https://checkout.razorpay.com/v1/checkout.js';

function loadCheckout() {
    if (globalThis.Razorpay) {
        return Promise.resolve(globalThis.Razorpay);
    }
    return new Promise((resolve, reject) => {
        const script = h('script', { src: CHECKOUT_SCRIPT });
        script.addEventListener('load', () => resolve(globalThis.Razorpay));
        script.addEventListener('error', () => {
            script.remove();
            reject({ status: 0, code: 'CHECKOUT_UNAVAILABLE', details: {},
                message: 'Razorpay Checkout could not be loaded; check the connection and try again' });
        });
        document.head.append(script);
    });
}

export async function render(main) {
    const balance = h('section', { id: 'balance', class: 'card', 'aria-labelledby': 'balance-title' });
    const ledger = h('section', { id: 'ledger', class: 'card' });
    const plans = h('section', { id: 'plans', class: 'card', 'aria-labelledby': 'plans-title' });
    const payments = h('section', { id: 'payments', class: 'card' });
    const problem = h('div', { class: 'problem-slot', id: 'wallet-problem' });
    main.append(heading('Wallet'), problem, h('div', { class: 'grid' }, balance, plans), ledger, payments);

    async function showBalance() {
        const tokens = await get('/api/user/wallet');
        showWallet(tokens);
        replace(balance,
            h('h2', { id: 'balance-title' }, 'Balance'),
            h('p', { class: 'big' }, h('span', { id: 'balance-total' }, number(tokens.balance)), ' tokens'),
            h('dl', { class: 'figures' },
                h('dt', {}, 'Free'), h('dd', { id: 'balance-free' }, number(tokens.freeTokens)),
                h('dt', {}, 'Purchased'), h('dd', { id: 'balance-purchased' }, number(tokens.purchasedTokens)),
                h('dt', {}, 'Held for answers under way'), h('dd', { id: 'balance-reserved' }, number(tokens.reserved)),
                h('dt', {}, 'Used so far'), h('dd', { id: 'balance-used' }, number(tokens.usedTokens))),
            h('p', { class: 'hint' }, 'Free tokens are spent before purchased ones.'));
    }

    async function showLedger(page = 1) {
        const data = await get(`/api/user/wallet/ledger${query({ page, limit: 20 })}`);
        const { pagination } = data;
        replace(ledger,
            table('Ledger: every movement of your tokens, newest first',
                ['When', 'What', 'Tokens', 'Balance after', 'Reference'],
                data.entries.map(entry => h('tr', { dataset: { type: entry.type } },
                    h('td', {}, time(entry.time)), h('td', {}, entry.type),
                    h('td', { class: 'number' }, entry.amount > 0 ? `+${number(entry.amount)}` : number(entry.amount)),
                    h('td', { class: 'number' }, number(entry.balanceAfter)),
                    h('td', {}, [entry.reference, entry.note].filter(Boolean).join(' · ')))),
                { id: 'ledger-table' }),
            pager(pagination, showLedger));
    }

    async function showPlans() {
        const data = await get('/api/plans');
        replace(plans, h('h2', { id: 'plans-title' }, 'Plans'),
            h('ul', { class: 'plans' }, data.plans.map(plan => h('li', { class: 'plan', dataset: { planId: plan.id } },
                h('h3', {}, plan.name),
                h('p', {}, plan.description || ''),
                h('p', {}, h('strong', {}, money(plan.amount, plan.currency)), ` for ${number(plan.tokens)} tokens`,
                    plan.planUpgrade ? ` and the ${plan.planUpgrade} plan for ${plan.validityDays} days` : ''),
                h('button', { type: 'button', class: 'primary', onclick: () => buy(plan) }, `Buy ${plan.name}`)))),
            h('p', { class: 'hint' }, 'Payment is taken by Razorpay Checkout; the tokens arrive once the payment is verified.'));
    }

    async function showPayments() {
        const data = await get(`/api/user/payments${query({ limit: 10 })}`);
        replace(payments, table('Your payments', ['When', 'Plan', 'Amount', 'Tokens', 'Status'],
            data.orders.map(order => h('tr', {},
                h('td', {}, time(order.createdAt)), h('td', {}, order.planId),
                h('td', { class: 'number' }, money(order.amount, order.currency)),
                h('td', { class: 'number' }, number(order.tokens)), h('td', {}, order.status)))));
    }

    async function buy(plan) {
        replace(problem);
        try {
            const order = await post(`/api/plans/${encodeURIComponent(plan.id)}/create-order`);
            const Razorpay = await loadCheckout();
            const user = session.user() || {};
            const checkout = new Razorpay({
                key: order.keyId,
                order_id: order.orderId,
                amount: order.amount,
                currency: order.currency,
                name: 'AI Pasta',
                description: plan.name,
                prefill: { email: user.email || '', name: user.name || '' },
                handler: async answer => {
                    try {
                        const verified = await post(`/api/plans/${encodeURIComponent(plan.id)}/verify-payment`, answer);
                        showWallet(verified.user && verified.user.tokens);
                        replace(problem, h('p', { class: 'success', role: 'status' }, `Paid: ${number(plan.tokens)} tokens added.`));
                        await Promise.all([showBalance(), showLedger(), showPayments()]);
                    } catch (error) {
                        replace(problem, problemPanel(error));
                    }
                },
            });
            checkout.on('payment.failed', failure => replace(problem, problemPanel({ status: 402, code: 'PAYMENT_FAILED',
                details: {}, message: (failure.error && failure.error.description) || 'The payment did not go through' })));
            checkout.open();
        } catch (error) {
            replace(problem, problemPanel(error));
        }
    }

    const results = await Promise.allSettled([showBalance(), showLedger(), showPlans(), showPayments()]);
    results.filter(result => result.status === 'rejected')
        .forEach(result => problem.append(problemPanel(result.reason)));
}

export function pager(pagination, show) {
    if (!pagination || pagination.totalPages <= 1) {
        return null;
    }
    return h('nav', { class: 'pager', 'aria-label': 'Pages' },
        h('button', { type: 'button', disabled: pagination.page <= 1, onclick: () => show(pagination.page - 1) }, 'Newer'),
        h('span', {}, ` Page ${pagination.page} of ${pagination.totalPages} `),
        h('button', { type: 'button', disabled: pagination.page >= pagination.totalPages, onclick: () => show(pagination.page + 1) }, 'Older'));
}
