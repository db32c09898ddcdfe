import { afterEach, beforeAll } from 'vitest';
import { startKafka } from '@ledgerline/testing';
import { StreamScenario } from './stream-scenario.ts';

export interface StreamScenarioFixture {
  /** The real broker's addresses (available inside tests, after beforeAll). */
  brokers(): string[];
  /** A fresh scenario (own topic, DLQ, group, database), cleaned up after the test. */
  scenario(name: string, partitions?: number): Promise<StreamScenario>;
  /** Runs after the test, before the scenarios' cleanup (last registered first). */
  onCleanup(cleanup: () => Promise<void>): void;
}

/**
 * The set-up every stream-sink integration spec shares: the broker started once per file, and
 * everything a test opened closed after it, newest first, even when the test failed. Call it
 * inside `describe`; it registers the hooks.
 */
export function useStreamScenarios(defaultPartitions = 3): StreamScenarioFixture {
  let brokers: string[] | undefined;
  const cleanups: Array<() => Promise<void>> = [];

  beforeAll(async () => {
    ({ brokers } = await startKafka());
  });

  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  });

  const started = (): string[] => {
    if (!brokers) throw new Error('the broker is not started yet: use the fixture inside a test');
    return brokers;
  };

  return {
    brokers: started,
    scenario: async (name, partitions = defaultPartitions) => {
      const created = await StreamScenario.create(name, started(), partitions);
      cleanups.push(() => created.cleanup());
      return created;
    },
    onCleanup: (cleanup) => {
      cleanups.push(cleanup);
    },
  };
}
