import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '@ledgerline/config';
import { silentLogger } from '@ledgerline/logging';
import { createMemoryEventBus } from '@ledgerline/memory';
import { openPostgres } from '@ledgerline/postgres';
import { generatorTradeMarket } from '@ledgerline/composition';
import { ledgerBalance, type StreamPlan } from '@ledgerline/transactions';
import { StreamPlanMismatchError, TransactionStreamCursor } from '@ledgerline/transactions/generator';
import { startStreamStage } from './stream-stage.ts';
import { probeStore } from '@ledgerline/postgres/testing';

// The pipeline as a writer of transactions: its stream stage seeds the accounts with their
// opening balances, and every batch the sink lands keeps each balance equal to its ledger, also
// when the pipeline starts again over the database it left.
describe('pipeline stream stage keeps account balances', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('every balance equals opening + landed ledger after a run, and after a second run over the same store', async () => {
    const env = loadConfig({ env: { KAFKA_PARTITIONS: '2', GENERATOR_SEED: '7' }, dotenvPath: false });
    const postgres = await openPostgres({ pgliteDir: 'memory://' });
    const { store, producerCheckpoints: checkpoints } = postgres;
    cleanups.push(() => postgres.close());
    await store.migrate();

    // One bus for both runs, like a broker that outlives the pipeline process.
    const bus = createMemoryEventBus({ defaultPartitions: 1 });
    const run = async () => {
      const stage = await startStreamStage(
        { env, store, sinkStore: store, ...bus, checkpoints, logger: silentLogger },
        { customers: 3, ratePerSecond: 400, startMonth: '2026-08' },
      );
      await new Promise((r) => setTimeout(r, 1_500));
      await stage.stop();
      return stage;
    };
    const check = async (openingBalances: Record<string, string>) => {
      const ids = Object.keys(openingBalances);
      const balances = await store.readBalances(ids);
      const { rows } = await probeStore(store).query<{ account_id: string; currency: string }>('SELECT account_id, currency FROM accounts');
      let landed = 0;
      for (const { account_id, currency } of rows) {
        const ledger = await store.transactionsByAccount(account_id, new Date('2000-01-01'), new Date('2100-01-01'));
        landed += ledger.length;
        expect(balances[account_id], account_id).toBe(ledgerBalance(openingBalances[account_id] ?? 'missing', ledger, currency));
      }
      return landed;
    };

    const first = await run();
    // The dead-letter topic has the topic's partitions, as the stream-sink app gives it (issue
    // #27: the pipeline made it 1 partition while the stand-alone sink used KAFKA_PARTITIONS).
    expect(await bus.admin.partitionCount('transactions.dlq')).toBe(2);
    const landedFirst = await check(first.openingBalances);
    expect(landedFirst).toBeGreaterThan(0);
    // The second run continues the stream: the same accounts, seeded again over rows that landed.
    const second = await run();
    expect(second.openingBalances).toEqual(first.openingBalances);
    expect(await check(second.openingBalances)).toBeGreaterThanOrEqual(landedFirst);
  }, 120_000);

  // Issue #25 point 5: the stream ran weeks ahead of the wall clock (a four-minute run on
  // 2026-12-06 produced transactions dated up to 2027-01-11). On the wall clock the history goes
  // out up to now and stops there; a restart days later adds exactly what happened meanwhile.
  it('on the wall clock: history ends at now, and a restart later continues at the new now, never back or ahead', async () => {
    const env = loadConfig({ env: { KAFKA_PARTITIONS: '2', GENERATOR_SEED: '11' }, dotenvPath: false });
    const postgres = await openPostgres({ pgliteDir: 'memory://' });
    const { store, producerCheckpoints: checkpoints } = postgres;
    cleanups.push(() => postgres.close());
    await store.migrate();
    const bus = createMemoryEventBus({ defaultPartitions: 1 });
    // A new stream trades on the market of MARKET_SEED (docs/trades.md), recorded in its plan.
    const market = generatorTradeMarket(env);
    const plan = { seed: 11, startMonth: '2026-08', baseCurrency: env.BASE_CURRENCY, customers: 3, market: market.id, growth: [] };
    const runUntilCaughtUp = async (wallNow: number) => {
      const stage = await startStreamStage(
        { env, store, sinkStore: store, ...bus, checkpoints, logger: silentLogger },
        { customers: 3, ratePerSecond: 5_000, startMonth: plan.startMonth, clock: 'wall', now: () => wallNow },
      );
      const deadline = Date.now() + 60_000;
      while (!stage.timeline().nextDueAt && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(stage.timeline().nextDueAt!.getTime()).toBeGreaterThan(wallNow);
      // Caught up: let the sink land all of it (the stop's own drain is bounded in time).
      while (stage.sink.stats().stored < stage.producer.published && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await stage.stop();
      const { rows } = await probeStore(store).query<{ latest: Date; n: string }>('SELECT max(occurred_at) AS latest, count(*) AS n FROM transactions');
      return { latest: new Date(rows[0]!.latest).getTime(), landed: Number(rows[0]!.n), produced: stage.producer.published };
    };
    // What the stream holds up to a moment, from the generator itself.
    const dueBy = (at: number) => {
      let n = 0;
      for (const tx of TransactionStreamCursor.open(plan, 0, 'stream', market)) {
        if (Date.parse(tx.occurred_at) > at) return n;
        n += 1;
      }
      return n;
    };

    const t1 = Date.parse('2026-09-20T12:00:00Z');
    const first = await runUntilCaughtUp(t1);
    expect(first.latest).toBeLessThanOrEqual(t1);
    expect(first.latest).toBeGreaterThan(t1 - 2 * 86_400_000);
    expect(first.landed).toBe(dueBy(t1));

    const t2 = t1 + 5 * 86_400_000;
    const second = await runUntilCaughtUp(t2);
    expect(second.latest).toBeLessThanOrEqual(t2);
    expect(second.latest).toBeGreaterThan(t2 - 2 * 86_400_000);
    // Exactly the transactions of the five days between: none of the history again, none ahead.
    expect(second.produced).toBe(dueBy(t2) - dueBy(t1));
    expect(second.landed).toBe(dueBy(t2));
  }, 120_000);

  // Issue #18: the stream trades. A new stream records its market in the plan and lands buys and
  // sells like any transaction (no dead letter, every balance its ledger); a data directory
  // written before trades existed continues its stream without them; another market is refused.
  describe('investment trades', () => {
    const start = async (seed: string, marketSeed?: string) => {
      const env = loadConfig({ env: { KAFKA_PARTITIONS: '2', GENERATOR_SEED: seed, ...(marketSeed ? { MARKET_SEED: marketSeed } : {}) }, dotenvPath: false });
      const postgres = await openPostgres({ pgliteDir: 'memory://' });
      cleanups.push(() => postgres.close());
      await postgres.store.migrate();
      return { env, postgres, bus: createMemoryEventBus({ defaultPartitions: 1 }) };
    };
    const tradesIn = async (store: Parameters<typeof probeStore>[0]) =>
      (await probeStore(store).query<{ direction: string; n: string }>("SELECT direction, count(*) AS n FROM transactions WHERE txn_type = 'TRADE' GROUP BY direction")).rows;

    it('a new stream trades on the market of MARKET_SEED: recorded in its plan, landed with no dead letter, balances equal the ledger', async () => {
      const { env, postgres, bus } = await start('18');
      const { store, producerCheckpoints: checkpoints } = postgres;
      // fast clock: two months of 20 customers go out at once, trades among them
      const stage = await startStreamStage(
        { env, store, sinkStore: store, ...bus, checkpoints, logger: silentLogger },
        { customers: 20, ratePerSecond: 20_000, startMonth: '2026-08', clock: 'fast' },
      );
      const deadline = Date.now() + 90_000;
      while (stage.sink.stats().stored < 3_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await stage.stop();
      expect(stage.plan.market).toBe('synthetic:ledgerline');
      expect(stage.market?.id).toBe('synthetic:ledgerline');
      expect((await checkpoints.load('transactions'))?.plan.market).toBe('synthetic:ledgerline');
      const trades = await tradesIn(store);
      expect(trades.map((r) => r.direction).sort()).toEqual(['CREDIT', 'DEBIT']);
      expect(stage.sink.stats().deadLettered).toBe(0);
      expect((await bus.admin.endOffsets('transactions.dlq')).reduce((n, o) => n + Number(o.offset), 0)).toBe(0);
      const balances = await store.readBalances(Object.keys(stage.openingBalances));
      const { rows } = await probeStore(store).query<{ account_id: string; currency: string }>('SELECT account_id, currency FROM accounts');
      for (const { account_id, currency } of rows) {
        const ledger = await store.transactionsByAccount(account_id, new Date('2000-01-01'), new Date('2100-01-01'));
        expect(balances[account_id], account_id).toBe(ledgerBalance(stage.openingBalances[account_id] ?? 'missing', ledger, currency));
      }
    }, 120_000);

    it('a stream stored before trades existed continues without them; a stream of another market is refused', async () => {
      const { env, postgres, bus } = await start('19');
      const { store, producerCheckpoints: checkpoints } = postgres;
      // What a data directory of before this change holds: a plan without a market, at a position.
      const before: StreamPlan = { seed: 19, startMonth: '2026-08', baseCurrency: env.BASE_CURRENCY, customers: 20, growth: [] };
      await checkpoints.save('transactions', { plan: before, position: 500 });
      const stage = await startStreamStage(
        { env, store, sinkStore: store, ...bus, checkpoints, logger: silentLogger },
        { customers: 20, ratePerSecond: 20_000, startMonth: '2026-10', clock: 'fast' },
      );
      const deadline = Date.now() + 90_000;
      while (stage.sink.stats().stored < 2_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      await stage.stop();
      expect(stage.plan.market).toBeUndefined();
      expect(stage.market).toBeUndefined();
      expect(stage.sink.stats().stored).toBeGreaterThanOrEqual(2_000);
      expect(await tradesIn(store)).toEqual([]);
      // The old stream's own events from its position on, in its order: its history is not contradicted.
      const { rows } = await probeStore(store).query<{ tx_id: string }>('SELECT tx_id FROM transactions');
      const old = TransactionStreamCursor.open(before, 500);
      const published = new Set(Array.from({ length: stage.producer.published }, () => old.next().value?.tx_id));
      expect(rows.filter((r) => !published.has(r.tx_id))).toEqual([]);

      await checkpoints.save('transactions', { plan: { ...before, market: 'synthetic:ledgerline' }, position: 0 });
      const changed = loadConfig({ env: { KAFKA_PARTITIONS: '2', GENERATOR_SEED: '19', MARKET_SEED: 'another' }, dotenvPath: false });
      const refused = startStreamStage(
        { env: changed, store, sinkStore: store, ...bus, checkpoints, logger: silentLogger },
        { customers: 20, ratePerSecond: 20_000, startMonth: '2026-10', clock: 'fast' },
      );
      await expect(refused).rejects.toBeInstanceOf(StreamPlanMismatchError);
      await expect(refused).rejects.toThrow(/trades on market synthetic:ledgerline; this MARKET_SEED is market synthetic:another.*another DATA_DIR/);
    }, 120_000);
  });
});
