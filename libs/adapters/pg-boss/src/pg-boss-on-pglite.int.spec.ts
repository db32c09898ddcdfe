import { PGlite } from '@electric-sql/pglite';
import { fromPglite } from 'pg-boss';
import { afterAll } from 'vitest';
import { describeFlowRunnerContract } from '@ledgerline/flows/testing';
import { PgBossFlowRunner } from './pg-boss-flow-runner.ts';

// Embedded mode: the same library and the same guarantees on PGlite (one connection, one worker).
// One PGlite for the file: installing pg-boss' schema in WASM Postgres takes ~10-30 s here, and
// every contract test uses flow names of its own, so they do not see each other's runs.
let shared: PGlite | undefined;
afterAll(async () => {
  await shared?.close();
});

describeFlowRunnerContract('pg-boss on PGlite', {
  multipleWorkers: false,
  newStore: async () => {
    shared ??= new PGlite();
    const pglite = shared;
    return {
      runner: async () => new PgBossFlowRunner({ pollingIntervalSeconds: 0.5 }, fromPglite(pglite)),
      drop: async () => undefined,
    };
  },
});
