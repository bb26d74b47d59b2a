// What an error from the platform means for the person in front of it, and what they can do next.

import { h, number, time } from './dom.js';
import { session } from './api.js';

function link(href, text) {
    return h('a', { href, class: 'button-link' }, text);
}

function wallet(details) {
    const tokens = details.user && details.user.tokens;
    return tokens ? ` Your wallet holds ${number(tokens.balance)} tokens (${number(tokens.freeTokens)} free, `
        + `${number(tokens.purchasedTokens)} purchased).` : '';
}

function isGuest(details) {
    const user = (details && details.user) || session.user();
    return user && user.role === 'guest';
}

/**
 * The explanation of an ApiError: a title, what happened (the platform's own message included) and the ways
 * forward, as elements to show. Options: onFreeModel, a callback that switches the chat to a free model.
 */
export function explain(error, options = {}) {
    const details = error.details || {};
    const freeModel = options.onFreeModel
        ? h('button', { type: 'button', onclick: options.onFreeModel }, 'Switch to a free model') : null;
    switch (error.code) {
        case 'INSUFFICIENT_TOKENS':
            return {
                title: 'Not enough tokens for this message',
                text: `This request needs about ${number(details.required)} tokens, but only ${number(details.available)} `
                    + `can be spent now.${wallet(details)} Tokens are reserved before the model answers and only what it `
                    + 'uses is kept.',
                ways: [link('#/wallet', 'Buy tokens'),
                    h('span', {}, 'or shorten the message, or start a new chat with less history.')],
            };
        case 'PAYWALL': {
            const guest = details.currentPlan === 'guest' || isGuest(details);
            return {
                title: `${details.modelId || 'This model'} needs the ${details.requiredPlan || 'premium'} plan`,
                text: `${error.message}. You are on the ${details.currentPlan || 'free'} plan.`,
                ways: guest
                    ? [link('#/signup', 'Create an account'), freeModel]
                    : [link('#/wallet', `See the plans that include ${details.requiredPlan || 'premium'}`), freeModel],
            };
        }
        case 'QUOTA_EXCEEDED':
            if (isGuest(details) && !details.resetTime) {
                return {
                    title: 'A guest’s messages are used up',
                    text: `${error.message}.`,
                    ways: [link('#/signup', 'Create an account to keep chatting (this chat stays yours)')],
                };
            }
            return {
                title: 'Today’s requests are used up',
                text: `You have sent ${number(details.used)} of the ${number(details.limit)} ${details.tier || ''} requests `
                    + `your plan allows a day. The count starts again at ${time(details.resetTime)}.`,
                ways: [details.tier === 'premium' ? freeModel : null,
                    link('#/wallet', 'Upgrade for a higher daily limit'),
                    h('span', {}, `or wait until ${time(details.resetTime)}.`)],
            };
        case 'MONTHLY_LIMIT_EXCEEDED':
            return {
                title: 'This month’s allowance is used up',
                text: details.limit === 'tokensPerMonth'
                    ? `This request would take the month past its ${number(details.max)} tokens (${number(details.used)} `
                        + `charged, ${number(details.reserved)} held by answers under way, ${number(details.required)} needed).`
                    : `You have sent ${number(details.used)} of the ${number(details.max)} requests of ${details.month}.`,
                ways: [link('#/wallet', 'Upgrade your plan'), h('span', {}, `or wait until ${time(details.resetTime)}.`)],
            };
        case 'RATE_LIMITED': {
            const seconds = details.retryAfterSeconds || error.retryAfter;
            return {
                title: 'Too many requests at once',
                text: `${error.message}.`,
                ways: [h('span', {}, seconds ? `Try again in ${number(Number(seconds))} seconds.` : 'Try again shortly.')],
            };
        }
        case 'UNAUTHORIZED':
        case 'INVALID_CREDENTIALS':
            return {
                title: error.code === 'INVALID_CREDENTIALS' ? 'Those credentials were not accepted' : 'Please sign in again',
                text: `${error.message}.`,
                ways: error.code === 'UNAUTHORIZED' ? [link('#/login', 'Sign in')] : [],
            };
        case 'VALIDATION_FAILED':
            return {
                title: 'Some of what was entered was not accepted',
                text: `${error.message}.`,
                fields: details,
                ways: [],
            };
        case 'NETWORK':
            return { title: 'No connection', text: error.message, ways: [] };
        default:
            return {
                title: error.status >= 500 ? 'The platform could not do this now' : 'That did not work',
                text: `${error.message || 'No explanation was given.'}${error.code ? ` (${error.code})` : ''}`,
                ways: [],
            };
    }
}

/** The explanation as a panel, announced to screen readers. */
export function problemPanel(error, options = {}) {
    if (!error.code) {
        error = { code: 'CLIENT', status: 0, message: String(error && error.message ? error.message : error), details: {} };
    }
    const explanation = explain(error, options);
    const fields = explanation.fields && Object.keys(explanation.fields).length
        ? h('ul', {}, Object.entries(explanation.fields).map(([name, problem]) =>
            h('li', {}, h('strong', {}, name), `: ${typeof problem === 'string' ? problem : JSON.stringify(problem)}`)))
        : null;
    const ways = explanation.ways.filter(Boolean);
    return h('section', { class: 'problem', role: 'alert', dataset: { code: error.code, status: error.status } },
        h('h2', {}, explanation.title),
        h('p', {}, explanation.text),
        fields,
        ways.length ? h('div', { class: 'ways' }, h('span', { class: 'ways-label' }, 'What you can do:'), ways) : null);
}
