import { catalogEntries, isoMonthSchema, type DataAsOf } from '@ledgerline/analytics';
import { z } from 'zod';
import type { ApiContext } from './api-context.ts';
import { categorySeries, MAX_PERIODS, periodsBetween } from './category-series.ts';
import { dashboardFiltersSchema, describeIssues, parseQuery, toMetricFilters, type DashboardFilters } from './dashboard-filters.ts';
import { checkKnownFilters, type FilterOptions } from './filter-options.ts';
import { badRequest, HttpError } from './http-error.ts';

export interface ApiRequest {
  readonly query: URLSearchParams;
  readonly body?: unknown;
  /** The client's session (its cookie): conversations of one client never reach another's. */
  readonly clientSession?: string;
}

interface RouteInput {
  readonly filters: DashboardFilters;
  readonly options: FilterOptions;
  readonly asOf: DataAsOf;
  readonly request: ApiRequest;
  readonly ctx: ApiContext;
}

interface Route {
  readonly method: 'GET' | 'POST';
  /** Query parameters this route takes beyond the common filters; any other is a 400. */
  readonly params?: readonly string[];
  handle(input: RouteInput): Promise<unknown>;
}

const FILTER_KEYS = ['customer', 'account', 'from', 'to', 'category'];
const intParam = (fallback: number, max: number) =>
  z.preprocess((v) => (v === undefined || v === '' ? undefined : Number(v)), z.number().int().min(1).max(max).default(fallback));
const limitSchema = (fallback: number, max: number) => z.object({ limit: intParam(fallback, max) });

/** The range a view covers: the filters' days, else the data's first and last day. */
function rangeOf(filters: DashboardFilters, options: FilterOptions): { from: string; to: string } | undefined {
  const from = filters.from ?? options.first_day;
  const to = filters.to ?? options.last_day;
  return from && to && from <= to ? { from, to } : undefined;
}

const askSchema = z.object({
  question: z.string().trim().min(1, 'ask a question').max(500),
  session_id: z.string().regex(/^[\w-]{1,64}$/).optional(),
});

export const API_ROUTES: Readonly<Record<string, Route>> = {
  '/api/filters': { method: 'GET', handle: async ({ options }) => options },

  // What every figure means (the metric catalog the KPIs, the charts and the agent all use).
  '/api/metric-catalog': { method: 'GET', handle: async () => catalogEntries() },

  '/api/kpis': {
    method: 'GET',
    params: ['month'],
    handle: async ({ filters, options, request, ctx }) => {
      // The month shown: ?month=, else the month of the range end (or of the latest data).
      const { month } = parseQuery(z.object({ month: isoMonthSchema.optional() }), request.query);
      const end = filters.to ?? options.last_day;
      const chosen = month ?? end?.slice(0, 7);
      if (!chosen) return null;
      const { from: _from, to: _to, ...rest } = toMetricFilters(filters);
      return ctx.store.kpis({ ...rest, month: chosen });
    },
  },

  '/api/spend-by-category': {
    method: 'GET',
    params: ['grain'],
    handle: async ({ filters, options, request, ctx }) => {
      const { grain } = parseQuery(z.object({ grain: z.enum(['month', 'week']).default('month') }), request.query);
      const range = rangeOf(filters, options);
      if (!range) return { grain, periods: [], series: [] };
      if (periodsBetween(range.from, range.to, grain).length > MAX_PERIODS) {
        throw badRequest(`${range.from}..${range.to} has more than ${MAX_PERIODS} ${grain}s: choose a shorter range or grain=month`);
      }
      return categorySeries(ctx.store, { ...toMetricFilters(filters), ...range }, grain);
    },
  },

  '/api/top-merchants': {
    method: 'GET',
    params: ['limit'],
    handle: async ({ filters, request, ctx }) => {
      const { limit } = parseQuery(limitSchema(10, 100), request.query);
      return ctx.store.topMerchants({ ...toMetricFilters(filters), limit });
    },
  },

  '/api/cashflow': { method: 'GET', handle: async ({ filters, ctx }) => ctx.store.cashflow(toMetricFilters(filters)) },

  '/api/balance': {
    method: 'GET',
    handle: async ({ filters, ctx }) => {
      if (!filters.account) throw badRequest('account is required: pick an account');
      return ctx.store.balancesOverTime({
        accountId: filters.account,
        ...(filters.from ? { from: filters.from } : {}),
        ...(filters.to ? { to: filters.to } : {}),
      });
    },
  },

  '/api/recurring': {
    method: 'GET',
    params: ['limit'],
    handle: async ({ filters, request, ctx }) => {
      const { limit } = parseQuery(limitSchema(50, 1000), request.query);
      return ctx.store.recurringPayments({ ...toMetricFilters(filters), limit });
    },
  },

  '/api/anomalies': {
    method: 'GET',
    params: ['limit'],
    handle: async ({ filters, request, ctx }) => {
      const { limit } = parseQuery(limitSchema(20, 1000), request.query);
      return ctx.store.anomalies({ ...toMetricFilters(filters), limit });
    },
  },

  '/api/health': {
    method: 'GET',
    handle: async ({ asOf, ctx }) => {
      const pipeline = await ctx.deps.health.status();
      const lastSync = asOf.last_sync_at ? Date.parse(asOf.last_sync_at) : undefined;
      return {
        last_sync_at: asOf.last_sync_at,
        sync_lag_seconds: lastSync === undefined ? null : Math.max(0, Math.round((ctx.now().getTime() - lastSync) / 1000)),
        watermarks: asOf.tables.map((t) => ({ table: t.table, watermark: t.max_change_seq, updated_at: t.updated_at })),
        latest_transaction_at: asOf.latest_transaction_at,
        source: asOf.source,
        pipeline,
      };
    },
  },

  '/api/ask': {
    method: 'POST',
    handle: async ({ request, ctx }) => {
      const agent = ctx.deps.agent;
      if (!agent) throw new HttpError(503, 'the agent is not available in this dashboard');
      const parsed = askSchema.safeParse(request.body);
      if (!parsed.success) throw badRequest(describeIssues(parsed.error));
      // The conversation is the client's (cookie) and, within it, the page's session_id.
      const conversation = parsed.data.session_id ?? 'default';
      const client = request.clientSession ?? 'anonymous';
      return { model: agent.model, session_id: conversation, ...(await agent.ask(parsed.data.question, `${client}:${conversation}`)) };
    },
  },
};

/**
 * Runs one API request: unknown parameters and bad filters are a 400 before the store is asked;
 * the answer carries when the analytics data was last synced (`as_of`).
 */
export async function handleApi(path: string, method: string, request: ApiRequest, ctx: ApiContext): Promise<unknown> {
  const route = API_ROUTES[path];
  if (!route) throw new HttpError(404, `no such endpoint: ${path}`);
  if (route.method !== method) throw new HttpError(405, `${path} takes ${route.method}`);
  const allowed = new Set([...FILTER_KEYS, ...(route.params ?? [])]);
  const unknown = [...new Set(request.query.keys())].filter((key) => !allowed.has(key));
  if (unknown.length > 0) throw badRequest(`unknown parameter ${unknown.join(', ')} (allowed: ${[...allowed].join(', ')})`);
  const filters = parseQuery(dashboardFiltersSchema, request.query);
  const asOf = await ctx.dataAsOf();
  const options = await ctx.filterOptions(asOf);
  checkKnownFilters(filters, options);
  const data = await route.handle({ filters, options, asOf, request, ctx });
  return { as_of: { last_sync_at: asOf.last_sync_at, latest_transaction_at: asOf.latest_transaction_at, source: asOf.source }, data };
}
