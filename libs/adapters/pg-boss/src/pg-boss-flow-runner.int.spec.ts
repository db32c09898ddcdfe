import { describeFlowRunnerContract } from '@ledgerline/flows/testing';
import { createTestDatabase } from '@ledgerline/testing';
import { PgBossFlowRunner } from './pg-boss-flow-runner.ts';

// The port's guarantees on real PostgreSQL, two worker processes' worth of runners included.
describeFlowRunnerContract('pg-boss on PostgreSQL', {
  multipleWorkers: true,
  newStore: async () => {
    const db = await createTestDatabase('flows');
    return {
      runner: async () => new PgBossFlowRunner({ connectionString: db.url, pollingIntervalSeconds: 0.5 }),
      drop: () => db.drop(),
    };
  },
});
