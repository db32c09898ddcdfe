/** One API answer as a test reads it: status and parsed JSON. */
export interface ApiResult {
  status: number;
  body: Record<string, unknown>;
}

export async function getApi(baseUrl: string, path: string, query: Record<string, string> = {}): Promise<ApiResult> {
  const search = new URLSearchParams(query).toString();
  const response = await fetch(`${baseUrl}${path}${search ? `?${search}` : ''}`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export async function postApi(baseUrl: string, path: string, body: unknown): Promise<ApiResult> {
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}
