import { describe, expect, it } from 'vitest';
import { createProgressBar } from './progress-bar.ts';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  const stream = Object.assign(
    {
      write: (chunk: string) => {
        chunks.push(chunk);
        return true;
      },
    },
    { isTTY },
  ) as unknown as NodeJS.WritableStream & { isTTY?: boolean };
  return { stream, chunks };
}

describe('createProgressBar', () => {
  it('prints a plain line per tenth when not a terminal, without carriage returns', () => {
    const { stream, chunks } = sink(false);
    let t = 0;
    const bar = createProgressBar({ label: 'seeding', total: 1000, stream, now: () => (t += 100) });
    for (let i = 0; i < 40; i += 1) bar.advance(25);
    bar.finish();
    expect(chunks).toHaveLength(10);
    expect(chunks.join('')).not.toContain('\r');
    expect(chunks[0]).toMatch(/^seeding {2}10% 100\/1,000 rows, [\d,]+ rows\/s\n$/);
    expect(chunks.at(-1)).toMatch(/^seeding 100% 1,000\/1,000 rows/);
  });

  it('redraws one line with \\r on a terminal and ends it with a newline', () => {
    const { stream, chunks } = sink(true);
    let t = 0;
    const bar = createProgressBar({ label: 'seeding', total: 200, stream, now: () => (t += 1_000) });
    bar.advance(100);
    bar.advance(100);
    bar.finish();
    expect(chunks.every((c) => c.startsWith('\r'))).toBe(true);
    expect(chunks[0]).toContain(`[${'#'.repeat(15)}${'.'.repeat(15)}]  50%`);
    expect(chunks.at(-1)).toMatch(/100% 200\/200 rows.*\n$/);
  });

  it('finishes an empty job with one line', () => {
    const { stream, chunks } = sink(false);
    createProgressBar({ label: 'seeding', total: 0, stream }).finish();
    expect(chunks).toEqual([expect.stringMatching(/^seeding 100% 0\/0 rows/)]);
  });
});
