import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@ledgerline/testing';
import { startSinkProcess, type SinkProcess } from './fault-testing/sink-process.ts';
import { useStreamScenarios } from './fault-testing/stream-scenario-fixture.ts';
import { waitFor } from './fault-testing/wait-for.ts';

// Scale-out (issue #22 point 7): three sink processes in one consumer group on a 6-partition
// topic; one is SIGKILLed under load, the group rebalances, the other two take over its
// partitions from the positions stored with the rows: nothing lost, nothing duplicated.
const SLOW_TEST_MS = 150_000;
const CLOCK_TICKS_PER_S = 100;
const TOTAL = 6_000;

/** utime + stime of a live process, in seconds (Linux /proc). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_S;
}

/** The last `received` the sink reported (stats line or its stop line). */
function received(sink: SinkProcess): number {
  let last = 0;
  for (const line of sink.output) {
    if (!line.startsWith('{')) continue;
    const parsed = JSON.parse(line) as { message?: string; received?: number };
    if ((parsed.message === 'stream sink stats' || parsed.message === 'stream sink stopped') && typeof parsed.received === 'number') last = parsed.received;
  }
  return last;
}

describe('stream sink scale-out', () => {
  const { scenario, brokers, onCleanup } = useStreamScenarios(6);

  it('three sinks share the topic; one SIGKILLed under load, the other two take over: 0 lost, 0 duplicated', async () => {
    const s = await scenario('scale');
    const env = {
      KAFKA_BROKERS: brokers().join(','),
      KAFKA_TOPIC: s.topic,
      KAFKA_GROUP_ID: s.groupId,
      KAFKA_PARTITIONS: String(s.partitions),
      DATABASE_URL: s.db.url,
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'info',
    };
    const args = ['--max-batch', '100', '--stats-interval', '1', '--session-timeout', '6'];
    const sinks = [0, 1, 2].map(() => startSinkProcess(repoRoot(), env, args));
    onCleanup(async () => {
      for (const sink of sinks) sink.kill('SIGKILL');
    });
    // All three in the group before the load starts: each holds two partitions.
    await waitFor(() => sinks.every((sink) => sink.output.some((line) => line.includes('partitions assigned') && !line.includes('"partitions":[]'))), {
      timeoutMs: 60_000,
      describe: () => sinks.map((sink, i) => `sink ${i}: ${sink.output.slice(-3).join(' | ')}`).join('\n'),
    });

    const producing = s.produce({ count: TOTAL, ratePerSecond: 1_500 });
    await waitFor(async () => (await s.store.countTransactions()) >= 1_500, { timeoutMs: 60_000, describe: () => s.progress() });
    const victim = sinks[1]!;
    const victimCpu = cpuSeconds(victim.pid);
    victim.kill('SIGKILL');
    expect((await victim.exited).signal).toBe('SIGKILL');
    const victimReceived = received(victim);

    const report = await producing;
    expect(report.sent).toBe(TOTAL);
    await s.waitUntilDrained(90_000);
    const survivors = [sinks[0]!, sinks[2]!];
    const survivorCpu = survivors.map((sink) => cpuSeconds(sink.pid));
    for (const sink of survivors) sink.kill('SIGTERM');
    for (const sink of survivors) expect((await sink.exited).code).toBe(0);

    await s.expectExactlyOnce();
    const perSink = [
      { sink: 0, received: received(sinks[0]!), cpu_s: survivorCpu[0] },
      { sink: 1, received: victimReceived, cpu_s: victimCpu, killed: true },
      { sink: 2, received: received(sinks[2]!), cpu_s: survivorCpu[1] },
    ];
    console.log(`scale-out: ${JSON.stringify(perSink)}`);
    // Each sink worked its share, and the survivors took over the killed one's partitions.
    for (const { received: n } of perSink) expect(n).toBeGreaterThan(0);
    // (The killed sink's last stats line is up to a second old: at most 1,500 events more.)
    expect(perSink[0]!.received + perSink[2]!.received).toBeGreaterThan(TOTAL - victimReceived - 1_500);
    expect(survivors.some((sink) => sink.output.filter((line) => line.includes('partitions assigned')).length >= 2)).toBe(true);
  }, SLOW_TEST_MS);
});
