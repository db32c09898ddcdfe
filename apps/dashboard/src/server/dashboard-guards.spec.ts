import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbAnalyticsStore } from '@ledgerline/duckdb';
import { rawRequest } from '../testing/raw-request.ts';
import { seedAnalyticsFile, type SeededAnalyticsFile } from '../testing/seeded-analytics-file.ts';
import { createDashboardServer, SESSION_COOKIE, unknownPipelineHealth, type AgentPort, type DashboardServer } from '@ledgerline/dashboard-http';

// The HTTP defences of the dashboard (issue #20), with an agent port that records which session
// each question was asked in (a fake of the dashboard's own port), over a seeded analytics file.

const asked: Array<{ question: string; session: string }> = [];
const agent: AgentPort = {
  model: 'recording',
  ask: async (question, session) => {
    asked.push({ question, session });
    return { answer: `answer to ${question}`, status: 'answered', sql: [], sources: [], toolCalls: [] };
  },
};
let seeded: SeededAnalyticsFile;
let store: DuckDbAnalyticsStore;
let dashboard: DashboardServer;
let base: string;
let host: string;

beforeAll(async () => {
  seeded = await seedAnalyticsFile({ customers: 3, months: 1 });
  store = new DuckDbAnalyticsStore({ path: seeded.path });
  dashboard = createDashboardServer({ store, agent, health: unknownPipelineHealth('none'), allowedHosts: ['dashboard.internal'] });
  base = await dashboard.listen(0);
  host = new URL(base).host;
});
afterAll(async () => {
  await dashboard?.close();
  await store?.close();
  seeded?.dispose();
});

const ask = (headers: Record<string, string>, body = JSON.stringify({ question: 'top merchants' })) =>
  rawRequest(base, '/api/ask', { method: 'POST', headers: { host, ...headers }, body });
const json = { 'content-type': 'application/json' };

describe('POST /api/ask accepts only the page itself', () => {
  it.each([
    ['text/plain', { 'content-type': 'text/plain' }],
    ['a form', { 'content-type': 'application/x-www-form-urlencoded' }],
    ['multipart', { 'content-type': 'multipart/form-data; boundary=x' }],
    ['no content type', {}],
  ])('refuses %s with 415 before the agent runs', async (_name, headers) => {
    const before = asked.length;
    const response = await ask(headers);
    expect(response.status).toBe(415);
    expect(JSON.parse(response.body).error).toMatch(/application\/json/);
    expect(asked.length).toBe(before);
  });

  it.each([
    ['another origin', { origin: 'http://evil.example' }],
    ['an opaque origin', { origin: 'null' }],
    ['the same host on another port', { origin: 'http://127.0.0.1:1' }],
    ['a cross-site fetch', { 'sec-fetch-site': 'cross-site' }],
    ['a same-site (other subdomain) fetch', { 'sec-fetch-site': 'same-site' }],
  ])('refuses %s with 403', async (_name, headers) => {
    const before = asked.length;
    const response = await ask({ ...json, ...headers });
    expect(response.status).toBe(403);
    expect(asked.length).toBe(before);
  });

  it('answers JSON from the same origin, and from clients that are not browsers', async () => {
    expect((await ask({ ...json, origin: `http://${host}`, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
    expect((await ask({ 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);
  });
});

describe('Host allow-list (DNS rebinding)', () => {
  it.each(['/api/filters', '/', '/index.html'])('refuses %s under a foreign Host with 421', async (path) => {
    const response = await rawRequest(base, path, { headers: { host: 'evil.example:4300' } });
    expect(response.status).toBe(421);
    expect(response.body).toMatch(/evil\.example/);
  });

  it('refuses a question asked under a foreign Host, even as same-origin JSON', async () => {
    const before = asked.length;
    const response = await ask({ ...json, host: 'rebound.example', origin: 'http://rebound.example' });
    expect(response.status).toBe(421);
    expect(asked.length).toBe(before);
  });

  it.each([() => host, () => `localhost:${new URL(base).port}`, () => 'dashboard.internal', () => 'DASHBOARD.internal:80'])('serves an allowed Host', async (name) => {
    expect((await rawRequest(base, '/api/filters', { headers: { host: name() } })).status).toBe(200);
  });

  it('refuses a request without a Host header', async () => {
    expect((await rawRequest(base, '/api/filters', { headers: {} })).status).toBe(400);
  });
});

describe('per-client sessions', () => {
  const cookieOf = (header: string | string[] | undefined) => String([header].flat()[0] ?? '').split(';')[0] ?? '';

  it('issues an HttpOnly, SameSite=Strict session cookie, and keeps each client in its own conversation', async () => {
    const first = await ask(json);
    const setCookie = String([first.headers['set-cookie']].flat()[0]);
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=[\\w-]+\\.[\\w-]+;`));
    expect(setCookie).toMatch(/; HttpOnly/);
    expect(setCookie).toMatch(/; SameSite=Strict/);
    const a = cookieOf(first.headers['set-cookie']);
    const sessionA = asked.at(-1)?.session;

    const again = await ask({ ...json, cookie: a });
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(asked.at(-1)?.session).toBe(sessionA);

    // Another client without a cookie, with the same session_id in the body: another conversation.
    const other = await ask(json, JSON.stringify({ question: 'and in April?', session_id: 'default' }));
    expect(other.headers['set-cookie']).toBeDefined();
    expect(asked.at(-1)?.session).not.toBe(sessionA);
    expect(JSON.parse(other.body).data.session_id).toBe('default');
  });

  it('does not accept a made-up or tampered session cookie (no fixation, no guessing)', async () => {
    await ask({ ...json, cookie: `${SESSION_COOKIE}=aaaaaaaaaaaaaaaaaaaaaaaa.${'b'.repeat(43)}` });
    const forged = asked.at(-1)?.session;
    expect(forged).not.toMatch(/^aaaaaaaa/);
    const real = cookieOf((await ask(json)).headers['set-cookie']);
    const tampered = real.replace(/=(.)/, (_m, c: string) => `=${c === 'A' ? 'B' : 'A'}`);
    const response = await ask({ ...json, cookie: tampered });
    expect(response.headers['set-cookie']).toBeDefined();
  });
});

describe('security headers', () => {
  it.each(['/', '/api/filters', '/api/nope', '/missing.js'])('are sent with %s', async (path) => {
    const { headers } = await rawRequest(base, path, { headers: { host } });
    const csp = String(headers['content-security-policy']);
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
  });
});
