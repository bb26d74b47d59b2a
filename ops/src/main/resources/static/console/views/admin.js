// The administrators' dashboard: analytics charts, users, model policies, projections, parked events, the audit.

import { h, replace, number, time, heading, table, field } from '../dom.js';
import { get, patch, post, remove, query } from '../api.js';
import { problemPanel } from '../problems.js';
import { pager } from './wallet.js';

const DAY = 24 * 60 * 60 * 1000;

/** Each chart: its figure per period, drawn as bars or a line. */
const CHARTS = [
    { id: 'signups', title: 'Sign-ups', type: 'bar', figure: figures => figures.signups },
    { id: 'active-users', title: 'Active users', type: 'line', figure: figures => figures.activeUsers },
    { id: 'turns', title: 'Turns', type: 'bar', figure: figures => figures.turns },
    { id: 'tokens', title: 'Tokens used', type: 'line', figure: figures => figures.tokensUsed },
    { id: 'revenue', title: 'Revenue (in the main unit of each currency)', type: 'bar', figure: null },
];

function section(id, title, ...content) {
    return h('section', { id, class: 'card wide', 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), content);
}

function label(bucket, granularity) {
    const start = new Date(bucket.start);
    const day = start.toISOString().slice(0, 10);
    return granularity === 'week' ? `week of ${day}` : day;
}

export async function render(main) {
    const charts = [];
    let polling = null;
    const granularity = h('select', { id: 'granularity' }, h('option', { value: 'day' }, 'Per day'), h('option', { value: 'week' }, 'Per week'));
    const days = h('select', { id: 'range' }, [7, 30, 90, 365].map(count =>
        h('option', { value: count, selected: count === 30 }, `Last ${count} days`)));
    const stats = h('div', { id: 'admin-stats', class: 'figures-row' });
    const chartArea = h('div', { id: 'charts', class: 'charts' });
    const users = h('div', { id: 'users' });
    const userSearch = h('input', { type: 'search', id: 'user-search', placeholder: 'Part of an e-mail or a name' });
    const models = h('div', { id: 'model-policies' });
    const projections = h('div', { id: 'projections' });
    const projectionStatus = h('p', { id: 'projection-status', role: 'status' });
    const parked = h('div', { id: 'parked' });
    const audit = h('div', { id: 'audit', 'aria-live': 'polite' });

    main.append(heading('Administration'),
        stats,
        section('analytics', 'Analytics',
            h('div', { class: 'filters' }, field('Periods', granularity), field('Range', days)),
            chartArea),
        section('users-section', 'Users', field('Search users', userSearch), users),
        section('models-section', 'Model policies', models),
        section('projections-section', 'Projections',
            h('p', { class: 'hint' }, 'A replay rebuilds a read model from the events; reads keep answering meanwhile.'),
            h('button', { type: 'button', id: 'replay-all', onclick: () => replay('all') }, 'Replay every projection'),
            projectionStatus, projections),
        section('parked-section', 'Parked events', parked),
        section('audit-section', 'Wallet audit',
            h('p', { class: 'hint' }, 'Folds every wallet’s events on their own and compares them with the wallet read model.'),
            h('button', { type: 'button', id: 'run-audit', onclick: runAudit }, 'Audit the wallets'), audit));

    async function showStats() {
        const data = await get('/api/admin/stats');
        replace(stats,
            figure('Users', data.users.total, `${number(data.users.active)} active · ${number(data.users.premium)} premium`),
            figure('Sessions', data.sessions),
            figure('Tokens in wallets', data.wallets.balance, `${number(data.wallets.reserved)} held`),
            figure('Tokens used', data.wallets.used));
    }

    function figure(title, value, note) {
        return h('div', { class: 'figure-card' }, h('span', { class: 'figure-title' }, title),
            h('strong', {}, number(value)), note ? h('small', {}, note) : null);
    }

    async function showAnalytics() {
        const to = new Date();
        const from = new Date(to.getTime() - Number(days.value) * DAY);
        const data = await get(`/api/admin/analytics${query({ from: from.toISOString(), to: to.toISOString(), granularity: granularity.value })}`);
        charts.splice(0).forEach(chart => chart.destroy());
        Object.assign(chartArea.dataset, { from: data.from, to: data.to, granularity: data.granularity });
        const labels = data.series.map(bucket => label(bucket, data.granularity));
        replace(chartArea, CHARTS.map(spec => {
            const datasets = spec.figure
                ? [{ label: spec.title, data: data.series.map(bucket => spec.figure(bucket.figures)) }]
                : revenueDatasets(data.series);
            const canvas = h('canvas', { id: `chart-${spec.id}`, role: 'img',
                'aria-label': `${spec.title} ${data.granularity === 'week' ? 'per week' : 'per day'}; the figures are in the table below` });
            const rows = labels.map((period, index) => h('tr', {}, h('th', { scope: 'row' }, period),
                datasets.map(dataset => h('td', { class: 'number' }, number(dataset.data[index])))));
            const element = h('figure', { class: 'chart', dataset: { chart: spec.id } },
                h('figcaption', {}, spec.title),
                h('div', { class: 'chart-canvas' }, canvas),
                h('details', {}, h('summary', {}, `${spec.title} as a table`),
                    table(spec.title, ['Period', ...datasets.map(dataset => dataset.label)], rows, { id: `table-${spec.id}` })));
            charts.push(new globalThis.Chart(canvas, {
                type: spec.type,
                data: { labels, datasets: datasets.map((dataset, index) => ({ ...dataset, ...colours(index) })) },
                options: { responsive: true, maintainAspectRatio: false, animation: false, scales: { y: { beginAtZero: true } } },
            }));
            return element;
        }));
    }

    function revenueDatasets(series) {
        const currencies = [...new Set(series.flatMap(bucket => bucket.figures.revenue.map(revenue => revenue.currency)))];
        if (!currencies.length) {
            currencies.push('INR');
        }
        return currencies.map(currency => ({
            label: currency,
            data: series.map(bucket => bucket.figures.revenue.filter(revenue => revenue.currency === currency)
                .reduce((sum, revenue) => sum + revenue.amount, 0) / 100),
        }));
    }

    function colours(index) {
        const palette = ['#1f5fa8', '#b4511f', '#2e7d32', '#6a3d9a'];
        return { backgroundColor: palette[index % palette.length], borderColor: palette[index % palette.length] };
    }

    async function showUsers(page = 1) {
        const data = await get(`/api/admin/users${query({ search: userSearch.value.trim(), page, limit: 20 })}`);
        replace(users, table('Users, newest first', ['User', 'Role', 'Plan', 'Daily limit', 'Active', 'Tokens', ''],
            data.users.map(userRow), { id: 'users-table' }), pager(data.pagination, showUsers));
    }

    function userRow(user) {
        const name = user.email || user.id;
        const role = h('select', { 'aria-label': `Role of ${name}` }, ['user', 'premium', 'admin'].map(value =>
            h('option', { value, selected: user.role === value }, value)));
        const plan = h('select', { 'aria-label': `Plan of ${name}` }, ['free', 'premium'].map(value =>
            h('option', { value, selected: user.plan === value }, value)));
        const limit = h('input', { type: 'number', min: 0, 'aria-label': `Daily request limit of ${name}`,
            value: user.dailyRequestLimit ?? '', placeholder: 'plan’s' });
        const active = h('input', { type: 'checkbox', 'aria-label': `${name} is active`, checked: user.active });
        const status = h('span', { 'aria-live': 'polite' });
        const save = async () => {
            const change = {};
            if (role.value !== user.role) change.role = role.value;
            if (plan.value !== user.plan) change.plan = plan.value;
            const wanted = limit.value === '' ? null : Number(limit.value);
            if (wanted !== (user.dailyRequestLimit ?? null)) change.dailyRequestLimit = wanted;
            if (active.checked !== user.active) change.active = active.checked;
            if (!Object.keys(change).length) {
                replace(status, 'Nothing to change.');
                return;
            }
            try {
                const updated = (await patch(`/api/admin/users/${encodeURIComponent(user.id)}`, change)).user;
                Object.assign(user, updated);
                replace(status, 'Saved.');
            } catch (error) {
                replace(status, problemPanel(error));
            }
        };
        return h('tr', { dataset: { userId: user.id } },
            h('th', { scope: 'row' }, h('span', {}, user.name || ''), h('br'), h('small', {}, user.email || `${user.id} (guest)`)),
            h('td', {}, role), h('td', {}, plan), h('td', {}, limit), h('td', {}, active),
            h('td', { class: 'number' }, number(user.tokens && user.tokens.balance)),
            h('td', {}, h('button', { type: 'button', onclick: save, 'aria-label': `Save the changes to ${name}` }, 'Save'), status));
    }

    async function showModels() {
        const data = await get('/api/admin/models');
        replace(models, table('Models and their policies', ['Model', 'Enabled', 'Required plan', ''],
            data.models.map(({ model, enabled }) => {
                const on = h('input', { type: 'checkbox', checked: enabled, 'aria-label': `${model.id} is enabled` });
                const plan = h('select', { 'aria-label': `Plan ${model.id} requires` }, ['free', 'premium'].map(value =>
                    h('option', { value, selected: model.requiredPlan === value }, value)));
                const status = h('span', { 'aria-live': 'polite' });
                return h('tr', {}, h('th', { scope: 'row' }, model.id), h('td', {}, on), h('td', {}, plan),
                    h('td', {}, h('button', { type: 'button', 'aria-label': `Save the policy of ${model.id}`, onclick: async () => {
                        try {
                            await patch(`/api/admin/models/${encodeURI(model.id)}`, { enabled: on.checked, requiredPlan: plan.value });
                            replace(status, 'Saved.');
                        } catch (error) {
                            replace(status, problemPanel(error));
                        }
                    } }, 'Save'), status));
            })));
    }

    let rebuilding = new Set();

    async function showProjections() {
        const data = await get('/api/admin/projections');
        showProjectionList(data);
    }

    function showProjectionList(data) {
        const now = new Set(data.projections.filter(projection => projection.status === 'rebuilding').map(projection => projection.name));
        const finished = [...rebuilding].filter(name => !now.has(name));
        if (finished.length) {
            replace(projectionStatus, `Replay finished: ${finished.join(', ')}.`);
        }
        rebuilding = now;
        replace(projections, table(`Read models (${number(data.events)} events stored)`,
            ['Projection', 'Status', 'Progress', 'Behind', ''],
            data.projections.map(projection => {
                const progress = projection.progress;
                const percent = progress ? progress.percent : projection.status === 'live' ? 100 : 0;
                return h('tr', { dataset: { projection: projection.name, status: projection.status } },
                    h('th', { scope: 'row' }, projection.name),
                    h('td', { class: `status-${projection.status}` }, projection.status, projection.error ? h('small', {}, ` ${projection.error}`) : null),
                    h('td', {},
                        h('progress', { max: 100, value: percent, 'aria-label': `${projection.name} replay progress` }),
                        progress ? h('small', {}, ` ${number(progress.eventsDone)} of ${number(progress.eventsTotal)} (${progress.percent}%)`
                            + (progress.etaSeconds ? `, about ${number(progress.etaSeconds)} s left` : '')) : null),
                    h('td', { class: 'number' }, number(projection.eventsBehind)),
                    h('td', {}, h('button', { type: 'button', onclick: () => replay(projection.name),
                        disabled: projection.status === 'rebuilding', 'aria-label': `Replay ${projection.name}` }, 'Replay')));
            }), { id: 'projections-table' }));
        if (rebuilding.size && !polling) {
            polling = setInterval(() => showProjections().catch(error => replace(projectionStatus, problemPanel(error))), 1000);
        } else if (!rebuilding.size && polling) {
            clearInterval(polling);
            polling = null;
        }
    }

    async function replay(name) {
        try {
            replace(projectionStatus, `Replay of ${name} started.`);
            const data = await post(`/api/admin/projections/${encodeURIComponent(name)}/replay`);
            const started = data.projections || [];
            started.forEach(projection => rebuilding.add(projection.name));
            await showProjections();
            if (!polling) {
                polling = setInterval(() => showProjections().catch(error => replace(projectionStatus, problemPanel(error))), 1000);
            }
        } catch (error) {
            replace(projectionStatus, problemPanel(error));
        }
    }

    async function showParked() {
        const data = await get(`/api/admin/projections/parked${query({ projection: 'all' })}`);
        const retry = async (projection, aggregateId) => {
            try {
                await post(`/api/admin/projections/${encodeURIComponent(projection)}/parked/retry${query({ aggregateId })}`);
                await showParked();
            } catch (error) {
                parked.append(problemPanel(error));
            }
        };
        replace(parked,
            h('p', {}, `${number(data.parked)} events parked.`),
            data.parked ? h('button', { type: 'button', onclick: () => retry('all') }, 'Retry every parked event') : null,
            table('Events read models could not take', ['Projection', 'Aggregate', 'Event', 'Parked', 'Cause', ''],
                data.events.map(event => h('tr', {},
                    h('td', {}, event.projection), h('td', {}, event.aggregateId),
                    h('td', {}, `${event.eventType} #${event.sequence}`), h('td', {}, time(event.enqueuedAt)),
                    h('td', {}, event.cause || ''),
                    h('td', {},
                        h('button', { type: 'button', onclick: () => retry(event.projection, event.aggregateId) }, 'Retry'),
                        h('button', { type: 'button', class: 'danger', onclick: async () => {
                            if (!confirm('Drop this event from the read model until its next replay?')) return;
                            try {
                                await remove(`/api/admin/projections/${encodeURIComponent(event.projection)}/parked/${encodeURIComponent(event.aggregateId)}${query({ eventId: event.eventId })}`);
                                await showParked();
                            } catch (error) {
                                parked.append(problemPanel(error));
                            }
                        } }, 'Evict'))))));
    }

    async function runAudit() {
        replace(audit, h('p', {}, 'Auditing…'));
        try {
            const data = await get('/api/admin/audit/wallets');
            replace(audit,
                h('p', { id: 'audit-result' }, `${number(data.walletsChecked)} wallets checked, ${number(data.walletsMismatched)} differ from their events.`),
                data.mismatches.length ? table('Differences', ['Wallet', 'Owner', 'Field', 'From the events', 'Projected'],
                    data.mismatches.map(mismatch => h('tr', {}, h('td', {}, mismatch.walletId), h('td', {}, mismatch.ownerId),
                        h('td', {}, mismatch.field), h('td', {}, String(mismatch.fromEvents)), h('td', {}, String(mismatch.projected))))) : null);
        } catch (error) {
            replace(audit, problemPanel(error));
        }
    }

    let searchTimer = null;
    userSearch.addEventListener('input', () => {
        clearTimeout(searchTimer);
        searchTimer = setTimeout(() => showUsers().catch(error => replace(users, problemPanel(error))), 300);
    });
    granularity.addEventListener('change', () => showAnalytics().catch(error => replace(chartArea, problemPanel(error))));
    days.addEventListener('change', () => showAnalytics().catch(error => replace(chartArea, problemPanel(error))));

    const parts = [[showStats, stats], [showAnalytics, chartArea], [showUsers, users], [showModels, models],
        [showProjections, projections], [showParked, parked]];
    await Promise.all(parts.map(([show, place]) => show().catch(error => replace(place, problemPanel(error)))));
    return () => {
        clearInterval(polling);
        charts.forEach(chart => chart.destroy());
    };
}
