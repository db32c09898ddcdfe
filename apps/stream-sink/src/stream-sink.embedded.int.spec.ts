import { afterEach, describe, expect, it } from 'vitest';
import { encodeTransactionEvent, runStreamSink, type OutgoingEvent, type StreamSink, type TransactionStore } from '@ledgerline/ingestion';
import { transactionFixture } from '@ledgerline/ingestion/testing';
import { silentLogger } from '@ledgerline/logging';
import { createMemoryEventBus } from '@ledgerline/memory';
import { createPostgresStore } from '@ledgerline/postgres';
import { ledgerBalance } from '@ledgerline/transactions';
import { generateDataset } from '@ledgerline/transactions/generator';
import { waitFor } from './fault-testing/wait-for.ts';
import { probeStore } from '@ledgerline/postgres/testing';

// The sink use case over the in-process bus and embedded PGlite: the wiring of the all-in-one
// pipeline, and a fast check of the offset design without any service.
describe('stream sink on the embedded adapters', () => {
  const TOPIC = 'transactions';
  const GROUP = 'sink';
  const cleanups: Array<() => Promise<void>> = [];

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function openStore(): Promise<Awaited<ReturnType<typeof createPostgresStore>>> {
    const store = await createPostgresStore({ pgliteDir: 'memory://' });
    await store.migrate();
    cleanups.push(() => store.close());
    return store;
  }

  function events(count: number): OutgoingEvent[] {
    return Array.from({ length: count }, (_, i) => {
      const tx = transactionFixture(i + 1, `acc-${String(i % 9).padStart(5, '0')}`);
      return { key: tx.account_id, value: encodeTransactionEvent(tx, new Date('2025-11-01T00:00:00Z')) };
    });
  }

  async function start(bus: ReturnType<typeof createMemoryEventBus>, store: TransactionStore): Promise<StreamSink> {
    const sink = await runStreamSink({ ...bus, store, logger: silentLogger }, { topic: TOPIC, groupId: GROUP, maxBatchSize: 50, statsIntervalMs: 0 });
    cleanups.push(() => sink.stop());
    return sink;
  }

  it('lands every event once and stores the offsets of every partition', async () => {
    const store = await openStore();
    const bus = createMemoryEventBus({ defaultPartitions: 3 });
    await bus.publisher.publish(TOPIC, events(400));
    const sink = await start(bus, store);
    await waitFor(async () => (await store.countTransactions()) === 400, { timeoutMs: 15_000, describe: () => JSON.stringify(sink.stats()) });
    await sink.stop();
    const stored = await store.loadOffsets(GROUP, TOPIC);
    expect(stored.reduce((sum, o) => sum + Number(o.offset), 0)).toBe(400);
    expect(sink.stats()).toMatchObject({ received: 400, inserted: 400, deadLettered: 0, lag: 0 });
  });

  it('trusts the offsets stored with the rows when the bus lost its own commits', async () => {
    const store = await openStore();
    const first = createMemoryEventBus({ defaultPartitions: 3 });
    await first.publisher.publish(TOPIC, events(300));
    const sink = await start(first, store);
    await waitFor(async () => (await store.countTransactions()) === 300, { timeoutMs: 15_000, describe: () => JSON.stringify(sink.stats()) });
    await sink.stop();

    // The same log, but a bus that never saw a commit of this group: as if the process died
    // after the database commit and before the bus commit, every time.
    const second = createMemoryEventBus({ defaultPartitions: 3 });
    await second.publisher.publish(TOPIC, [...events(300), ...events(320).slice(300)]);
    const restarted = await start(second, store);
    await waitFor(async () => (await store.countTransactions()) === 320, { timeoutMs: 15_000, describe: () => JSON.stringify(restarted.stats()) });
    await restarted.stop();
    // Only the 20 new events were delivered: the 300 below the stored offsets were skipped.
    expect(restarted.stats()).toMatchObject({ received: 20, inserted: 20, unchanged: 0 });
  });

  it('keeps every account balance equal to its ledger, in the transaction of each batch, through redeliveries', async () => {
    const store = await openStore();
    const dataset = generateDataset({ seed: 5, customers: 4, months: 1, startMonth: '2026-08' });
    await store.withTransaction(async (tx) => {
      await tx.upsertCustomers(dataset.customers);
      await tx.upsertAccounts(dataset.accounts.map((a) => ({ ...a, balance: dataset.openingBalances[a.account_id] ?? 'missing' })));
      await tx.recordOpeningBalances(dataset.openingBalances);
    });
    const bus = createMemoryEventBus({ defaultPartitions: 3 });
    const streamed = dataset.transactions.map((tx) => ({ key: tx.account_id, value: encodeTransactionEvent(tx, new Date('2026-09-01T00:00:00Z')) }));
    // Every event twice (a producer retry): the second copy must not count again.
    await bus.publisher.publish(TOPIC, [...streamed, ...streamed.slice(0, 50)]);
    const sink = await start(bus, store);
    await waitFor(() => sink.stats().received === streamed.length + 50, { timeoutMs: 15_000, describe: () => JSON.stringify(sink.stats()) });
    await sink.stop();

    const balances = await probeStore(store).accountBalances();
    for (const account of dataset.accounts) {
      const ledger = dataset.transactions.filter((t) => t.account_id === account.account_id);
      expect(balances[account.account_id]).toBe(ledgerBalance(dataset.openingBalances[account.account_id] ?? 'missing', ledger, account.currency));
      expect(balances[account.account_id]).toBe(account.balance); // the generator's own closing balance
    }
  });

  it('drains on stop: the batch in progress commits, nothing after it starts', async () => {
    const store = await openStore();
    const bus = createMemoryEventBus({ defaultPartitions: 1 });
    await bus.publisher.publish(TOPIC, events(1_000));
    // Stop is requested while the third batch is inside its database transaction.
    let transactions = 0;
    let stopping: Promise<void> | undefined;
    const holder: { sink?: StreamSink } = {};
    const stoppingStore = new Proxy(store, {
      get(target, property) {
        if (property === 'withTransaction') {
          return <T>(work: Parameters<TransactionStore['withTransaction']>[0]) =>
            target.withTransaction(async (tx) => {
              transactions += 1;
              if (transactions === 3) stopping = holder.sink?.stop();
              return (await work(tx)) as T;
            });
        }
        const value: unknown = Reflect.get(target, property);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const sink = await start(bus, stoppingStore);
    holder.sink = sink;
    await waitFor(() => stopping !== undefined, { timeoutMs: 15_000, describe: () => JSON.stringify(sink.stats()) });
    await stopping;
    await sink.done;
    const [stored] = await store.loadOffsets(GROUP, TOPIC);
    expect(await store.countTransactions()).toBe(150);
    expect(stored?.offset).toBe('150');
    expect(sink.stats()).toMatchObject({ batches: 3, stored: 150 });
  });
});
