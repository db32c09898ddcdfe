import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestScope } from '../faults/fault-injector.ts';
import { failure, ok, SESSION_GONE } from '../protocol/envelopes.ts';
import { failNextSchema, loginRequestSchema, queryRequestSchema, tokenRequestSchema, type FailNext } from '../protocol/request-schemas.ts';
import { handleQueryRequest } from '../service/query-service.ts';
import { closeSession, login, renewToken } from '../service/session-service.ts';
import type { EmulatorState } from '../state/emulator-state.ts';
import { readJsonBody, sendJson } from './http-io.ts';

export interface Controls {
  reset(): Promise<void>;
}

type Handler = (request: IncomingMessage, url: URL) => Promise<{ status: number; body: unknown }>;

const gone = () => ({ status: 200, body: failure(SESSION_GONE, 'Session no longer exists.  New login required to access the service.') });
const badRequest = (message: string) => ({ status: 400, body: { success: false, code: null, message, data: null } });

/** Builds the request handler of the emulator's HTTP server. */
export function createRouter(state: EmulatorState, controls: Controls): (request: IncomingMessage, response: ServerResponse) => void {
  const session = (request: IncomingMessage) => state.sessions.fromAuthorization(request.headers.authorization);

  const routes: Array<{ method: string; path: RegExp; scope: RequestScope; handle: Handler }> = [
    {
      method: 'POST',
      path: /^\/session\/v1\/login-request$/,
      scope: 'login',
      handle: async (request, url) => {
        const parsed = loginRequestSchema.safeParse(await readJsonBody(request));
        if (!parsed.success) return badRequest(`invalid login request: ${parsed.error.message}`);
        return { status: 200, body: await login(state, parsed.data, url.searchParams) };
      },
    },
    {
      method: 'POST',
      path: /^\/session\/token-request$/,
      scope: 'other',
      handle: async (request) => {
        const parsed = tokenRequestSchema.safeParse(await readJsonBody(request));
        if (!parsed.success) return badRequest(`invalid token request: ${parsed.error.message}`);
        const owner = state.sessions.fromMasterAuthorization(request.headers.authorization);
        return owner ? { status: 200, body: renewToken(state, owner) } : gone();
      },
    },
    {
      method: 'POST',
      path: /^\/session$/,
      scope: 'other',
      handle: async (request, url) => {
        const current = session(request);
        if (!current || url.searchParams.get('delete') !== 'true') return gone();
        await closeSession(state, current);
        return { status: 200, body: ok(null) };
      },
    },
    {
      method: 'POST',
      path: /^\/session\/heartbeat$/,
      scope: 'other',
      handle: async (request) => (session(request) ? { status: 200, body: ok(null) } : gone()),
    },
    {
      method: 'POST',
      path: /^\/queries\/v1\/query-request$/,
      scope: 'query',
      handle: async (request) => {
        const current = session(request);
        if (!current) return gone();
        const parsed = queryRequestSchema.safeParse(await readJsonBody(request));
        if (!parsed.success) return badRequest(`invalid query request: ${parsed.error.message}`);
        return { status: 200, body: await handleQueryRequest(state, current, parsed.data) };
      },
    },
    {
      method: 'GET',
      path: /^\/queries\/([^/]+)\/result$/,
      scope: 'query',
      handle: async (request, url) => {
        if (!session(request)) return gone();
        const queryId = /^\/queries\/([^/]+)\/result$/.exec(url.pathname)?.[1] ?? '';
        const stored = state.results.get(queryId);
        if (stored) return { status: 200, body: stored };
        if (state.history.get(queryId)?.status === 'RUNNING') {
          return { status: 200, body: { ...ok({ queryId, getResultUrl: `/queries/${queryId}/result` }), code: '333333' } };
        }
        return { status: 200, body: failure('000709', `Statement ${queryId} not found`, { sqlState: '02000', queryId }) };
      },
    },
    {
      method: 'POST',
      path: /^\/queries\/(v1|[^/]+)\/abort-request$/,
      scope: 'other',
      // Statements run to completion on DuckDB; aborting is acknowledged and has no effect.
      handle: async (request) => (session(request) ? { status: 200, body: ok(null) } : gone()),
    },
    {
      method: 'GET',
      path: /^\/monitoring\/queries\/([^/]+)$/,
      scope: 'other',
      handle: async (request, url) => {
        if (!session(request)) return gone();
        const queryId = /^\/monitoring\/queries\/([^/]+)$/.exec(url.pathname)?.[1] ?? '';
        const record = state.history.get(queryId);
        const queries = record
          ? [{ id: record.queryId, status: record.status, sqlText: record.sqlText, errorCode: record.errorCode, errorMessage: record.errorMessage }]
          : [];
        return { status: 200, body: ok({ queries }) };
      },
    },
    {
      method: 'POST',
      path: /^\/telemetry\/send$/,
      scope: 'other',
      handle: async (request) => {
        await readJsonBody(request);
        return { status: 200, body: ok('Log Received') };
      },
    },
  ];

  const controlRoutes: Array<{ method: string; path: string; handle: Handler }> = [
    { method: 'GET', path: '/__emulator/health', handle: async () => ({ status: 200, body: { ok: true, sessions: state.sessions.all().length } }) },
    {
      method: 'POST',
      path: '/__emulator/fail-next',
      handle: async (request) => {
        const parsed = failNextSchema.safeParse(await readJsonBody(request));
        if (!parsed.success) return badRequest(`invalid fault: ${parsed.error.message}`);
        state.faults.add(parsed.data);
        return { status: 200, body: { ok: true } };
      },
    },
    {
      method: 'POST',
      path: '/__emulator/reset',
      handle: async () => {
        await controls.reset();
        return { status: 200, body: { ok: true } };
      },
    },
    { method: 'GET', path: '/__emulator/query-history', handle: async () => ({ status: 200, body: { queries: state.history.all() } }) },
    { method: 'GET', path: '/__emulator/query-tags', handle: async () => ({ status: 200, body: { queryTags: [...state.queryTags] } }) },
  ];

  return (request, response) => {
    const url = new URL(request.url ?? '/', 'http://emulator.local');
    const method = request.method ?? 'GET';
    const respond = async () => {
      const control = controlRoutes.find((r) => r.method === method && r.path === url.pathname);
      if (control) return control.handle(request, url);
      const route = routes.find((r) => r.method === method && r.path.test(url.pathname));
      if (!route) return { status: 404, body: { success: false, code: null, message: `no emulated endpoint ${method} ${url.pathname}`, data: null } };
      const fault = state.faults.take(route.scope);
      if (fault) {
        request.resume();
        return injected(fault);
      }
      return route.handle(request, url);
    };
    respond()
      .then(({ status, body }) => sendJson(response, status, body))
      .catch((error: unknown) => sendJson(response, 500, { success: false, code: null, message: error instanceof Error ? error.message : String(error), data: null }));
  };
}

function injected(fault: FailNext): { status: number; body: unknown } {
  const message = fault.message ?? 'Injected failure (snowflake emulator fail-next)';
  if (fault.status !== undefined && fault.status !== 200) {
    return { status: fault.status, body: { success: false, code: fault.code ?? null, message, data: null } };
  }
  return { status: 200, body: failure(fault.code ?? '000000', message, { sqlState: fault.sqlState ?? '08001' }) };
}
