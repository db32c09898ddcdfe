import { describe, expect, it } from 'vitest';
import { QuiesceGate } from './quiesce-gate.ts';

describe('QuiesceGate', () => {
  it('runs holders one at a time, in arrival order', async () => {
    const gate = new QuiesceGate();
    const events: string[] = [];
    const release = await gate.acquire();
    const a = gate.run(async () => void events.push('a'));
    const b = gate.run(async () => void events.push('b'));
    await new Promise((r) => setTimeout(r, 10));
    expect(events).toEqual([]); // the sync holds the gate: batches wait
    events.push('sync done');
    release();
    await Promise.all([a, b]);
    expect(events).toEqual(['sync done', 'a', 'b']);
  });

  it('releases on failure and ignores a double release', async () => {
    const gate = new QuiesceGate();
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    const release = await gate.acquire();
    release();
    release();
    expect(await gate.run(async () => 42)).toBe(42);
  });
});
