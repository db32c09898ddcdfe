import { describe, expect, it } from 'vitest';
import type { StreamOffset } from '@ledgerline/ingestion';
import type { StreamTimeline } from '../stages/stream-stage.ts';
import { StreamHorizon } from './stream-horizon.ts';

const offsets = (...byPartition: number[]): StreamOffset[] => byPartition.map((offset, partition) => ({ partition, offset: String(offset) }));

/** A stream whose producer position, timeline and stored offsets the test moves by hand. */
function fakeStream() {
  const state = {
    acknowledged: undefined as Date | undefined,
    timeline: { clock: 'wall' } as StreamTimeline,
    ends: offsets(10, 10),
    stored: offsets(0, 0),
    logEndReads: 0,
  };
  const horizon = new StreamHorizon({
    acknowledgedThrough: () => state.acknowledged,
    timeline: () => state.timeline,
    logEnds: async () => {
      state.logEndReads += 1;
      return state.ends;
    },
    storedOffsets: async () => state.stored,
    pollMs: 5,
  });
  return { state, horizon };
}

const settled = async (promise: Promise<unknown>) => {
  let done = false;
  void promise.then(() => (done = true), () => (done = true));
  await new Promise((r) => setTimeout(r, 40));
  return done;
};

describe('StreamHorizon', () => {
  const december = new Date('2026-12-01T00:00:00Z');

  it('waits until the producer has passed the instant, then until the sink stored every partition up to the log ends read then', async () => {
    const { state, horizon } = fakeStream();
    const waiting = horizon.waitUntilLanded(december, new AbortController().signal);
    state.acknowledged = new Date('2026-11-30T23:59:00Z');
    expect(await settled(waiting)).toBe(false);
    expect(state.logEndReads).toBe(0);

    // An event of December acknowledged: everything before it is on the log.
    state.acknowledged = new Date('2026-12-01T00:10:00Z');
    expect(await settled(waiting)).toBe(false);
    expect(state.logEndReads).toBe(1);
    // The log grows on; the target stays what it was when the producer passed the instant.
    state.ends = offsets(50, 50);
    state.stored = offsets(10, 9);
    expect(await settled(waiting)).toBe(false);
    state.stored = offsets(10, 10);
    expect(await settled(waiting)).toBe(true);
    expect(state.logEndReads).toBe(1);
  });

  it('counts a wall-clock producer holding back a later transaction as past the instant', async () => {
    const { state, horizon } = fakeStream();
    state.timeline = { clock: 'wall', nextDueAt: new Date('2026-11-20T08:00:00Z') };
    expect(horizon.producedBefore(december)).toBe(false);
    state.timeline = { clock: 'wall', nextDueAt: new Date('2026-12-07T11:00:00Z') };
    expect(horizon.producedBefore(december)).toBe(true);
    state.stored = offsets(10, 10);
    await horizon.waitUntilLanded(december, new AbortController().signal);
  });

  it('a partition the sink has never stored counts as 0, and an abort ends the wait', async () => {
    const { state, horizon } = fakeStream();
    state.acknowledged = december;
    state.stored = offsets(10);
    const abort = new AbortController();
    const waiting = horizon.waitUntilLanded(december, abort.signal);
    expect(await settled(waiting)).toBe(false);
    abort.abort();
    await expect(waiting).rejects.toThrow();
  });
});
