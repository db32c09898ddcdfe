import type { Envelope } from './api-types.ts';

/** An API failure with the server's own message (`{ error }`), shown as is in the page. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export type Filters = Partial<Record<'customer' | 'account' | 'from' | 'to' | 'category', string>>;

/** `/api/<path>?<filters and extras>`, empty values left out. */
export function apiUrl(path: string, filters: Filters, extra: Record<string, string> = {}): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value) query.set(key, value);
  const text = query.toString();
  return `/api/${path}${text ? `?${text}` : ''}`;
}

async function read<T>(response: Response): Promise<Envelope<T>> {
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = body && typeof body === 'object' && 'error' in body && typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  return body as Envelope<T>;
}

export async function getJson<T>(path: string, filters: Filters = {}, extra: Record<string, string> = {}): Promise<Envelope<T>> {
  return read<T>(await fetch(apiUrl(path, filters, extra), { headers: { accept: 'application/json' } }));
}

export async function postJson<T>(path: string, body: unknown): Promise<Envelope<T>> {
  return read<T>(await fetch(`/api/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }));
}
