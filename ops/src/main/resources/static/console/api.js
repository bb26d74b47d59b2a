// The platform's HTTP API: the caller's token, the response envelope and its errors.

const TOKEN = 'aipasta.token';
const USER = 'aipasta.user';

/** An answer in the error envelope, or a response that is not one. */
export class ApiError extends Error {
    constructor(status, code, message, details = null, retryAfter = null) {
        super(message);
        this.status = status;
        this.code = code;
        this.details = details || {};
        this.retryAfter = retryAfter;
    }
}

/** The signed-in caller, kept for this tab only so that closing it signs out. */
export const session = {
    token: () => sessionStorage.getItem(TOKEN),
    user: () => JSON.parse(sessionStorage.getItem(USER) || 'null'),
    signIn(token, user) {
        sessionStorage.setItem(TOKEN, token);
        sessionStorage.setItem(USER, JSON.stringify(user));
    },
    update(user) {
        sessionStorage.setItem(USER, JSON.stringify(user));
    },
    signOut() {
        sessionStorage.removeItem(TOKEN);
        sessionStorage.removeItem(USER);
    },
};

const listeners = { unauthorized: [] };

/** Called when the platform refuses the token the tab holds (expired, logged out, deactivated). */
export function onUnauthorized(listener) {
    listeners.unauthorized.push(listener);
}

export function authorization() {
    const token = session.token();
    return token ? { Authorization: `Bearer ${token}` } : {};
}

export async function request(path, { method = 'GET', body, accept = 'application/json', signal } = {}) {
    const headers = { Accept: accept, ...authorization() };
    if (body !== undefined) {
        headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
        response = await fetch(path, { method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body) });
    } catch (failure) {
        if (failure.name === 'AbortError') {
            throw failure;
        }
        throw new ApiError(0, 'NETWORK', 'The platform could not be reached. Check the connection and try again.');
    }
    return response;
}

/** Sends a request and answers the envelope's data, or throws its error as an ApiError. */
export async function api(path, options = {}) {
    return dataOf(await request(path, options));
}

export async function dataOf(response) {
    const text = await response.text();
    let envelope = null;
    try {
        envelope = text ? JSON.parse(text) : null;
    } catch {
        envelope = null;
    }
    if (response.ok && envelope && envelope.status === 'success') {
        return envelope.data;
    }
    const retryAfter = response.headers.get('Retry-After');
    const error = envelope && envelope.status === 'error'
        ? new ApiError(response.status, envelope.code, envelope.message, envelope.details, retryAfter)
        : new ApiError(response.status, `HTTP_${response.status}`,
            `The platform answered ${response.status} ${response.statusText || ''} without an explanation.`.trim(),
            null, retryAfter);
    if (response.status === 401 && session.token()) {
        listeners.unauthorized.forEach(listener => listener(error));
    }
    throw error;
}

/** Sends files as a multipart form; the browser sets its boundary. */
export async function upload(path, form) {
    let response;
    try {
        response = await fetch(path, { method: 'POST', headers: { Accept: 'application/json', ...authorization() }, body: form });
    } catch {
        throw new ApiError(0, 'NETWORK', 'The platform could not be reached. Check the connection and try again.');
    }
    return dataOf(response);
}

export const get = (path, options) => api(path, options);
export const post = (path, body = {}, options = {}) => api(path, { ...options, method: 'POST', body });
export const patch = (path, body, options = {}) => api(path, { ...options, method: 'PATCH', body });
export const remove = (path, options = {}) => api(path, { ...options, method: 'DELETE' });

export function query(parameters) {
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(parameters)) {
        if (value !== undefined && value !== null && value !== '') {
            search.set(name, value);
        }
    }
    const text = search.toString();
    return text ? `?${text}` : '';
}
