import { streamTradeMarket } from '@ledgerline/composition';
import { UsageError, type LedgerlineEnv } from '@ledgerline/config';
import type { CompositionRoot } from '@ledgerline/di';
import { FLOW_RUNNER, type FlowRunner, type FlowRunRecord } from '@ledgerline/flows';
import { PRODUCER_CHECKPOINTS, TRANSACTION_STORE } from '@ledgerline/ingestion';
import { streamSettingsFromEnv } from '@ledgerline/kafka';
import type { Logger } from '@ledgerline/logging';
import type { TradeMarket } from '@ledgerline/transactions';
import { RUN_HISTORY } from '@ledgerline/pipeline';
import { streamStartMonth } from '../commands/serve-command.ts';
import { instrumentFlows } from '../flows/instrument-flows.ts';
import { buildPipelineFlows } from '../flows/pipeline-flows.ts';
import type { FlowsArgs } from './flows-args.ts';
import { formatFlowList, formatHistory } from './format-runs.ts';

export interface FlowsCommandContext {
  env: LedgerlineEnv;
  root: CompositionRoot;
  logger: Logger;
  repoRoot: string;
  write: (line: string) => void;
  /** Errors the user must see even when stdout goes to a file (default: write). */
  writeError?: (line: string) => void;
  /** Customers of a stream not started yet (the main job's --customers default). */
  defaultCustomers?: number;
}

const settled = (r: FlowRunRecord) => r.state === 'succeeded' || r.state === 'failed' || r.state === 'cancelled';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls history until `done` says the runs it waits for settled; undefined once the timeout passes. */
async function waitFor(runner: FlowRunner, flow: string, limit: number, done: (runs: FlowRunRecord[]) => FlowRunRecord[] | undefined, timeoutSeconds: number): Promise<FlowRunRecord[] | undefined> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  for (;;) {
    const runs = await runner.history({ flow, limit });
    const finished = done(runs);
    if (finished) return finished;
    if (Date.now() > deadline) return undefined;
    await sleep(500);
  }
}

/** The runs' table, and the exit code: 0 when each succeeded, 1 when one failed or they did not settle in time. */
function report(runs: FlowRunRecord[] | undefined, flow: string, timeoutSeconds: number, ctx: FlowsCommandContext): number {
  if (!runs) {
    (ctx.writeError ?? ctx.write)(`error: the runs of '${flow}' did not settle within ${timeoutSeconds} s; they stay queued for the workers (see \`flows history ${flow}\`)`);
    return 1;
  }
  for (const line of formatHistory(runs)) ctx.write(line);
  const failed = runs.filter((r) => r.state !== 'succeeded');
  for (const run of failed) (ctx.writeError ?? ctx.write)(`error: run ${run.id} of ${run.flow} ${run.state} after ${run.attempts} attempt(s): ${run.error ?? 'no error recorded'}`);
  return failed.length === 0 ? 0 : 1;
}

const marketOption = (market: TradeMarket | undefined) => (market ? { market } : {});

/**
 * `flows list|run|history|backfill`. The definitions are the main job's own (buildPipelineFlows);
 * `run` and `backfill` execute their runs in this process — one more worker for that one flow, so
 * the library's locking still allows one run at a time — unless --queue-only leaves them to the
 * running main job (PostgreSQL; an embedded store opens in one process only). Exit 0 when every
 * run it waited for succeeded, 1 when one failed, 2 on a usage error (an unknown flow names the known).
 */
export async function runFlowsCommand(args: FlowsArgs, ctx: FlowsCommandContext): Promise<number> {
  const { env, root, logger, write } = ctx;
  const saved = await root.resolve(PRODUCER_CHECKPOINTS).load(streamSettingsFromEnv(env).topic);
  const store = root.resolve(TRANSACTION_STORE);
  const built = await buildPipelineFlows({
    env,
    root,
    logger,
    repoRoot: ctx.repoRoot,
    customers: saved?.plan.customers ?? ctx.defaultCustomers ?? 25,
    growth: saved?.plan.growth ?? [],
    startMonth: saved?.plan.startMonth ?? streamStartMonth(new Date()),
    // The stream's trades in its statements: none for a stream stored before trades existed.
    ...marketOption(streamTradeMarket(env, saved?.plan)),
    batchStore: () => store,
  });
  const history = root.resolve(RUN_HISTORY);
  const flows = instrumentFlows(built.flows, (run) => history.record(run));
  const known = flows.map((f) => f.name);
  const named = 'flow' in args && args.flow !== undefined ? args.flow : undefined;
  if (named !== undefined && !known.includes(named)) throw new UsageError(`unknown flow '${named}' (known: ${known.join(', ')})`);
  if (args.sub === 'list') {
    for (const line of formatFlowList(flows)) write(line);
    return 0;
  }
  const runner = root.resolve(FLOW_RUNNER);
  try {
    if (args.sub === 'history') {
      await runner.start(flows, { work: false, schedules: false });
      for (const line of formatHistory(await runner.history({ ...(args.flow ? { flow: args.flow } : {}), limit: args.limit }))) write(line);
      return 0;
    }
    const flow = flows.filter((f) => f.name === args.flow);
    await runner.start(flow, { work: !args.queueOnly, schedules: false });
    if (args.sub === 'run') {
      const id = await runner.trigger(args.flow);
      write(`queued run ${id} of ${args.flow}`);
      if (args.queueOnly) return 0;
      const runs = await waitFor(runner, args.flow, 100, (all) => {
        const run = all.find((r) => r.id === id);
        return run && settled(run) ? [run] : undefined;
      }, args.timeoutSeconds);
      return report(runs, args.flow, args.timeoutSeconds, ctx);
    }
    if (flow[0] && !flow[0].backfillable) throw new UsageError(`flow '${args.flow}' is not backfillable: it always works on the latest data (backfillable: ${flows.filter((f) => f.backfillable).map((f) => f.name).join(', ')})`);
    let result;
    try {
      result = await runner.backfill(args.flow, args.from, args.to);
    } catch (error) {
      // A bad range (`--to before --from`, an impossible date) is the caller's to fix.
      if (error instanceof Error && /--from|--to|split it/.test(error.message)) throw new UsageError(error.message);
      throw error;
    }
    write(`backfill ${args.flow} ${args.from}..${args.to}: queued ${result.queued} run(s), ${result.existing} day(s) already had one`);
    if (args.queueOnly || result.queued === 0) return 0;
    const days = result.queued + result.existing;
    const inRange = (r: FlowRunRecord) => r.interval !== undefined && r.interval.start >= args.from && r.interval.start <= args.to;
    const runs = await waitFor(runner, args.flow, days + 100, (all) => {
      const mine = all.filter(inRange);
      return mine.length >= days && mine.every(settled) ? mine : undefined;
    }, args.timeoutSeconds);
    return report(runs, args.flow, args.timeoutSeconds, ctx);
  } finally {
    await runner.stop();
    for (const stage of built.stages) if (stage.stop) await stage.stop();
  }
}
