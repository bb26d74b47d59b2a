// Server-sent events read with fetch(), which, unlike EventSource, can send the Authorization header.

import { request, dataOf } from './api.js';

/**
 * Sends the request and calls onEvent(name, data) for each event as it arrives. A refusal before the stream began
 * (402, 403 PAYWALL, 429, ...) is thrown as an ApiError, as any other answer in the error envelope is.
 */
export async function streamEvents(path, { method = 'POST', body, signal, onEvent }) {
    const response = await request(path, { method, body, signal, accept: 'text/event-stream' });
    const type = response.headers.get('Content-Type') || '';
    if (!response.ok || !type.startsWith('text/event-stream')) {
        await dataOf(response);
        return;
    }
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
        const { value, done } = await reader.read();
        if (done) {
            break;
        }
        buffer = (buffer + value).replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            dispatch(block, onEvent);
        }
    }
    if (buffer.trim()) {
        dispatch(buffer, onEvent);
    }
}

function dispatch(block, onEvent) {
    let name = 'message';
    const data = [];
    for (const line of block.split('\n')) {
        if (line.startsWith(':')) {
            continue;
        }
        const colon = line.indexOf(':');
        const fieldName = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (fieldName === 'event') {
            name = value;
        } else if (fieldName === 'data') {
            data.push(value);
        }
    }
    if (!data.length) {
        return;
    }
    const text = data.join('\n');
    let parsed;
    try {
        parsed = JSON.parse(text);
    } catch {
        parsed = text;
    }
    onEvent(name, parsed);
}
