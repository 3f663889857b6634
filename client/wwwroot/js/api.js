// The product HTTP API as the pages use it: bearer token in localStorage, problem+json errors as ApiError,
// chat streaming over fetch (a POST), run progress over EventSource with ?access_token=.

import { ApiError } from './problem.js';
import { readEventStream } from './sse.js';

const SESSION_KEY = 'lens.session';
const SIGNED_OUT_KEY = 'lens.signed-out';

/** The signed-in user's view of the API. One instance per page. */
export class LensApi extends EventTarget {
  constructor(base = '') {
    super();
    this.base = base;
  }

  // ---- session ----

  /** The stored session {token, user} or null. */
  get session() {
    try { return JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null'); } catch { return null; }
  }

  get signedIn() { return Boolean(this.session?.token); }

  /** The signed-in user's display name (the server may send a string or an object). */
  get userName() {
    const user = this.session?.user;
    return typeof user === 'string' ? user : (user?.name ?? user?.id ?? '');
  }

  /** Dev sign-in: a name becomes a signed bearer token. */
  async signIn(name) {
    const result = await this.request('POST', '/api/auth/sign-in', { name }, { auth: false });
    if (!result?.token) throw new ApiError({ status: 500, title: 'Sign-in answered without a token', path: '/api/auth/sign-in' });
    localStorage.setItem(SESSION_KEY, JSON.stringify({ token: result.token, user: result.user ?? name }));
    this.dispatchEvent(new Event('session'));
    return result;
  }

  /** Ends the session; `reason` (e.g. the server's 401) is shown on the sign-in form after the page reloads. */
  signOut(reason) {
    localStorage.removeItem(SESSION_KEY);
    if (reason) sessionStorage.setItem(SIGNED_OUT_KEY, reason);
    this.dispatchEvent(new Event('session'));
  }

  /** Why the last session ended, once (then forgotten). */
  takeSignedOutReason() {
    const reason = sessionStorage.getItem(SIGNED_OUT_KEY);
    sessionStorage.removeItem(SIGNED_OUT_KEY);
    return reason;
  }

  // ---- plumbing ----

  /** One JSON call. Resolves to the parsed body (null for 204); rejects with ApiError. */
  async request(method, path, body, { auth = true, signal } = {}) {
    const response = await this.fetch(method, path, body, { auth, signal });
    if (response.status === 204) return null;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  }

  /** The raw response of a call that succeeded (2xx); errors become ApiError and 401 ends the session. */
  async fetch(method, path, body, { auth = true, signal, accept = 'application/json' } = {}) {
    const headers = { Accept: accept };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const token = this.session?.token;
    if (auth && token) headers.Authorization = `Bearer ${token}`;
    let response;
    try {
      response = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw ApiError.network(path, e);
    }
    if (!response.ok) {
      const error = await ApiError.fromResponse(response, path);
      if (error.status === 401 && auth) this.signOut(`${error.title}${error.detail ? ` — ${error.detail}` : ''}`);
      throw error;
    }
    return response;
  }

  get(path, options) { return this.request('GET', path, undefined, options); }
  post(path, body, options) { return this.request('POST', path, body ?? {}, options); }
  delete(path, options) { return this.request('DELETE', path, undefined, options); }

  /** POSTs and reads the text/event-stream answer, calling handlers[event](data parsed as JSON). */
  async streamPost(path, body, handlers, { signal } = {}) {
    const response = await this.fetch('POST', path, body, { signal, accept: 'text/event-stream' });
    await readEventStream(response.body, ({ event, data }) => {
      const parsed = JSON.parse(data);
      if (event === 'error') throw ApiError.fromProblem(parsed, path);
      handlers[event]?.(parsed);
    });
  }

  /** Subscribes to a GET SSE route; returns the EventSource (close it when done). */
  subscribe(path, handlers) {
    const url = new URL(this.base + path, location.href);
    url.searchParams.set('access_token', this.session?.token ?? '');
    const source = new EventSource(url);
    for (const [event, handler] of Object.entries(handlers)) {
      if (event === 'error') continue;
      source.addEventListener(event, e => handler(JSON.parse(e.data)));
    }
    source.addEventListener('error', e => {
      // A server-sent `event: error` carries a problem; a bare error is the connection (EventSource retries it).
      if (e.data) handlers.error?.(ApiError.fromProblem(JSON.parse(e.data), path));
      else if (source.readyState === EventSource.CLOSED) handlers.error?.(ApiError.network(path, new Error('the event stream closed')));
    });
    return source;
  }

  /** Downloads a file the browser may only fetch with the bearer token; saves it under the server's name. */
  async download(path, fallbackName) {
    const response = await this.fetch('GET', path, undefined, { accept: '*/*' });
    const blob = await response.blob();
    const name = fileNameOf(response.headers.get('Content-Disposition')) ?? fallbackName;
    const url = URL.createObjectURL(blob);
    const link = Object.assign(document.createElement('a'), { href: url, download: name });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
    return { name, size: blob.size };
  }

  // ---- the routes ----

  /** Who the stored token belongs to; a refused token answers 401 (and ends the session). */
  me() { return this.get('/api/auth/me'); }
  health() { return this.get('/api/health', { auth: false }); }
  modelInfo() { return this.get('/api/model_info'); }

  conversations() { return this.get('/api/conversations'); }
  conversation(id) { return this.get(`/api/conversations/${encodeURIComponent(id)}`); }
  createConversation(model, title) { return this.post('/api/conversations', { model, title }); }
  deleteConversation(id) { return this.delete(`/api/conversations/${encodeURIComponent(id)}`); }

  /** Streams a chat turn: onToken({position,id,text}) per generated token; resolves to the `done` response. */
  async chatStream(request, onToken, options) {
    let done = null;
    await this.streamPost('/api/chat/stream', request, { token: onToken, done: d => { done = d; } }, options);
    if (!done) throw new ApiError({ status: 503, title: 'The chat stream ended early', detail: 'no done event arrived', path: '/api/chat/stream' });
    return done;
  }

  activations(conversation, position, { contextSize = 15, layers, topK = 5 } = {}) {
    const query = new URLSearchParams({ include_context: 'true', context_size: String(contextSize), top_k: String(topK) });
    if (layers?.length) query.set('layers', layers.join(','));
    return this.get(`/api/activations/${encodeURIComponent(conversation)}/${position}?${query}`);
  }

  cacheStatus() { return this.get('/api/cache/status'); }
  evictCache(conversation) { return this.delete(`/api/cache/${encodeURIComponent(conversation)}`); }

  runs() { return this.get('/api/research/runs'); }
  run(id) { return this.get(`/api/research/runs/${encodeURIComponent(id)}`); }
  startRun(request) { return this.post('/api/research/runs', request); }
  cancelRun(id) { return this.post(`/api/research/runs/${encodeURIComponent(id)}/cancel`); }
  runResults(id) { return this.get(`/api/research/runs/${encodeURIComponent(id)}/results`); }
  runEvents(id, handlers) { return this.subscribe(`/api/research/runs/${encodeURIComponent(id)}/events`, handlers); }
  exportRun(id) { return this.download(`/api/research/runs/${encodeURIComponent(id)}/export`, `run-${id}.zip`); }

  overview() { return this.get('/api/dashboard/overview'); }
}

function fileNameOf(disposition) {
  if (!disposition) return null;
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1]);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1] : null;
}
