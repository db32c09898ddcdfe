import { describe, expect, it } from 'vitest';
import { FileStability } from './file-stability.ts';

const file = (size: number, modifiedMs = 1) => ({ path: 'in/a.csv', name: 'a.csv', size, modifiedMs });

describe('FileStability', () => {
  it('calls a file ready once size and mtime stayed the same for stableMs', () => {
    let t = 0;
    const stability = new FileStability(500, () => t);
    stability.beginPass();
    expect(stability.ready(file(10))).toBe(false);
    expect(stability.hasWaiting).toBe(true);
    t = 300;
    stability.beginPass();
    expect(stability.ready(file(20))).toBe(false); // still growing: the clock restarts
    t = 700;
    stability.beginPass();
    expect(stability.ready(file(20))).toBe(false);
    t = 800;
    stability.beginPass();
    expect(stability.ready(file(20))).toBe(true);
    expect(stability.hasWaiting).toBe(false);
  });

  it('forgets files that disappeared between passes', () => {
    let t = 0;
    const stability = new FileStability(100, () => t);
    stability.beginPass();
    stability.ready(file(10));
    stability.endPass();
    stability.beginPass();
    stability.endPass(); // not listed: forgotten
    t = 1_000;
    stability.beginPass();
    expect(stability.ready(file(10))).toBe(false); // seen afresh
  });
});
