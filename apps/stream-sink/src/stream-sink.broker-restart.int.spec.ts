import { describe, expect, it } from 'vitest';
import { restartKafka } from '@ledgerline/testing';
import { useStreamScenarios } from './fault-testing/stream-scenario-fixture.ts';
import { waitFor } from './fault-testing/wait-for.ts';

// The stream across a real broker outage (issue #4). It restarts the shared local broker, so it
// is a *.broker-restart.int.spec.ts: vitest.config.ts runs those after every other spec, one at a
// time, where the outage cuts no other test's connections.
const SLOW_TEST_MS = 150_000;

describe('stream sink across a broker restart', () => {
  const { scenario } = useStreamScenarios();

  it('rides out a broker restart while producer and sink run, without loss or duplicates', async () => {
    const s = await scenario('broker');
    const running = await s.startSink();
    const producing = s.produce({ count: 6_000, ratePerSecond: 1_500 });
    await waitFor(async () => (await s.store.countTransactions()) > 500, { timeoutMs: 30_000, describe: () => s.progress() });

    await restartKafka();

    const report = await producing;
    expect(report.sent).toBe(6_000);
    await s.waitUntilDrained(90_000);
    await s.expectExactlyOnce();
    expect(running.sink.stats().deadLettered).toBe(0);
  }, SLOW_TEST_MS);
});
