// Errors from the API as people should read them: RFC 7807 problem details, plus Retry-After.

/** A failed API call: the server's problem+json (title, detail, status) or a network failure (status 0). */
export class ApiError extends Error {
  constructor({ status, title, detail, type, retryAfter, path }) {
    super(detail ? `${title}: ${detail}` : title);
    this.name = 'ApiError';
    this.status = status;
    this.title = title;
    this.detail = detail ?? '';
    this.type = type ?? '';
    this.retryAfter = retryAfter ?? null;
    this.path = path ?? '';
  }

  /** Builds the error from a non-2xx response, reading problem+json when the server sent it. */
  static async fromResponse(response, path) {
    const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
    let body = null;
    const text = await response.text().catch(() => '');
    if (text) {
      try { body = JSON.parse(text); } catch { body = null; }
    }
    return new ApiError({
      status: response.status,
      title: body?.title ?? (response.statusText || defaultTitle(response.status)),
      detail: body?.detail ?? (body ? '' : text.slice(0, 300)),
      type: body?.type,
      retryAfter,
      path,
    });
  }

  /** Builds the error from a problem object carried in an SSE `error` event. */
  static fromProblem(problem, path) {
    return new ApiError({
      status: problem?.status ?? 500,
      title: problem?.title ?? 'The server reported an error',
      detail: problem?.detail,
      type: problem?.type,
      path,
    });
  }

  /** The server could not be reached at all. */
  static network(path, cause) {
    return new ApiError({ status: 0, title: 'Cannot reach the server', detail: cause?.message ?? String(cause ?? ''), path });
  }
}

/** Retry-After is either seconds or an HTTP date; returns whole seconds or null. */
export function parseRetryAfter(value) {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, Math.ceil(seconds));
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

function defaultTitle(status) {
  return {
    400: 'Invalid request', 401: 'Not signed in', 403: 'Not yours', 404: 'Not found', 413: 'Too large',
    429: 'Too many requests', 503: 'Unavailable',
  }[status] ?? `HTTP ${status}`;
}
