/**
 * The typed HTTP client of the web app. Every call goes to the same origin with the session cookie;
 * an error answer becomes an ApiError carrying the API's message and per-field issues.
 */
import type { ApiErrorBody } from './types';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.message);
  }

  /** The API's message for one field (`name`, `links.2.touchpointId`…), if it named that field. */
  fieldMessage(field: string): string | undefined {
    return this.body.issues?.find((issue) => issue.field === field)?.message;
  }

  /** Field → message, for showing validation messages at the fields of a form. */
  fieldErrors(): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const issue of this.body.issues ?? []) errors[issue.field] ??= issue.message;
    return errors;
  }
}

type Query = Record<string, string | number | boolean | string[] | undefined | null>;

/** `?a=1&b=x` from an object, leaving out empty values; arrays become comma-separated lists. */
export function queryString(query: Query | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.join(','));
    } else params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: {} };
  if (body !== undefined) {
    init.headers = { 'content-type': 'application/json' };
    init.body = JSON.stringify(body);
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}${queryString(query)}`, init);
  } catch {
    throw new ApiError(0, { statusCode: 0, code: 'network', message: 'The server cannot be reached.' });
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!response.ok) {
    const errorBody =
      parsed && typeof parsed === 'object' && 'message' in parsed
        ? (parsed as ApiErrorBody)
        : {
            statusCode: response.status,
            code: 'http_error',
            message: `${response.status} ${response.statusText}`,
          };
    throw new ApiError(response.status, errorBody);
  }
  return parsed as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
  post: <T>(path: string, body?: unknown, query?: Query) => request<T>('POST', path, body ?? {}, query),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  delete: <T = void>(path: string) => request<T>('DELETE', path),
};

/** Path of a workspace's resource: `ws(id, '/touchpoints')` → `/workspaces/<id>/touchpoints`. */
export function ws(workspaceId: string, path: string): string {
  return `/workspaces/${workspaceId}${path}`;
}
