import { describeEventBusContract } from '@ledgerline/ingestion/testing';
import { openDurableEventBus } from '@ledgerline/memory';
import { openPostgres } from '@ledgerline/postgres';

// The main job's embedded bus as it is wired (container.ts): the in-process bus with its log in
// PGlite. It must behave like every other bus; that its log outlives the process is proven by
// pipeline.restarts.int.spec.ts and the PostgresEventLogStore spec.
describeEventBusContract('in-process bus with its log in PGlite', async () => {
  const postgres = await openPostgres({ pgliteDir: 'memory://' });
  await postgres.store.migrate();
  const bus = await openDurableEventBus(postgres.eventLog, { defaultPartitions: 3 });
  return {
    ...bus,
    cleanup: async () => {
      await bus.publisher.close();
      await postgres.close();
    },
  };
});
