// The leaderboard of models, by category and period.

import { h, replace, number, heading, table, field } from '../dom.js';
import { get, query } from '../api.js';
import { problemPanel } from '../problems.js';

const CATEGORIES = ['all', 'coding', 'writing', 'research', 'math', 'general'];
const PERIODS = [['all', 'All time'], ['month', 'Last 30 days'], ['week', 'Last 7 days'], ['day', 'Last 24 hours']];

export async function render(main) {
    const category = h('select', { id: 'leaderboard-category' }, CATEGORIES.map(name => h('option', { value: name }, name)));
    const period = h('select', { id: 'leaderboard-period' }, PERIODS.map(([value, label]) => h('option', { value }, label)));
    const results = h('div', { id: 'leaderboard', 'aria-live': 'polite' });
    main.append(heading('Leaderboard'),
        h('p', { class: 'hint' }, 'Models ranked by reliability, approval in votes and comparisons, and speed.'),
        h('div', { class: 'filters' }, field('Category', category), field('Period', period)),
        results);

    async function show() {
        try {
            const data = await get(`/api/leaderboard${query({ category: category.value, period: period.value, limit: 50 })}`);
            replace(results, table(`Models in ${data.category}, ${PERIODS.find(([value]) => value === period.value)[1].toLowerCase()}`,
                ['Rank', 'Model', 'Score', 'Uses', 'Success', 'Avg latency', 'Avg tokens', 'Votes'],
                data.models.map(entry => h('tr', {},
                    h('td', { class: 'number' }, entry.rank),
                    h('th', { scope: 'row' }, entry.modelId),
                    h('td', { class: 'number' }, entry.score.toFixed(3)),
                    h('td', { class: 'number' }, number(entry.uses)),
                    h('td', { class: 'number' }, `${Math.round(entry.successRate * 100)}%`),
                    h('td', { class: 'number' }, entry.avgLatencyMs === undefined ? '–' : `${number(Math.round(entry.avgLatencyMs))} ms`),
                    h('td', { class: 'number' }, entry.avgTokens === undefined ? '–' : number(Math.round(entry.avgTokens))),
                    h('td', { class: 'number' }, `▲ ${number(entry.votes.up)} ▼ ${number(entry.votes.down)}`)))));
        } catch (error) {
            replace(results, problemPanel(error));
        }
    }

    category.addEventListener('change', show);
    period.addEventListener('change', show);
    await show();
}
