import { describe, expect, it } from 'vitest';
import { ExternalPositions } from './external-positions.ts';

describe('ExternalPositions', () => {
  it('delivers everything when no positions are stored outside Kafka', async () => {
    expect(await new ExternalPositions(undefined).decide(0, 7n)).toEqual({ kind: 'deliver' });
    expect(await new ExternalPositions(async () => []).decide(0, 7n)).toEqual({ kind: 'deliver' });
  });

  it('skips events the store already has when Kafka is behind (crash between the two commits)', async () => {
    const positions = new ExternalPositions(async () => [{ partition: 2, offset: '120' }]);
    expect(await positions.decide(2, 100n)).toEqual({ kind: 'deliver', skipBelow: 120n });
  });

  it('seeks back once when the stored position is behind Kafka (a replay), then delivers', async () => {
    const positions = new ExternalPositions(async () => [{ partition: 0, offset: '5' }]);
    expect(await positions.decide(0, 30n)).toEqual({ kind: 'seek', offset: 5n });
    expect(await positions.decide(0, 5n)).toEqual({ kind: 'deliver', skipBelow: 5n });
  });

  it('does not seek twice to the same position when nothing exists in between', async () => {
    const positions = new ExternalPositions(async () => [{ partition: 0, offset: '5' }]);
    expect((await positions.decide(0, 9n)).kind).toBe('seek');
    expect(await positions.decide(0, 9n)).toEqual({ kind: 'deliver', skipBelow: 5n });
  });

  it('loads once per assignment and again after a reset', async () => {
    let loads = 0;
    let stored = '10';
    const positions = new ExternalPositions(async () => {
      loads += 1;
      return [
        { partition: 0, offset: stored },
        { partition: 1, offset: '3' },
      ];
    });
    await positions.decide(0, 10n);
    await positions.decide(1, 3n);
    positions.advance(0, 50n);
    expect(await positions.decide(0, 50n)).toEqual({ kind: 'deliver', skipBelow: 50n });
    expect(loads).toBe(1);

    stored = '40';
    positions.reset();
    expect(await positions.decide(0, 50n)).toEqual({ kind: 'seek', offset: 40n });
    expect(loads).toBe(2);
  });

  it('retries a failed load on the next batch', async () => {
    let calls = 0;
    const positions = new ExternalPositions(async () => {
      calls += 1;
      if (calls === 1) throw new Error('database down');
      return [{ partition: 0, offset: '8' }];
    });
    await expect(positions.decide(0, 0n)).rejects.toThrow('database down');
    expect(await positions.decide(0, 0n)).toEqual({ kind: 'deliver', skipBelow: 8n });
  });
});

describe('ExternalPositions.assignmentSeeks', () => {
  it('seeks every assigned partition that has a stored position, then delivers from there', async () => {
    const positions = new ExternalPositions(async () => [
      { partition: 0, offset: '5' },
      { partition: 2, offset: '9' },
    ]);
    expect(await positions.assignmentSeeks([0, 1])).toEqual([{ partition: 0, offset: 5n }]);
    expect(await positions.decide(0, 5n)).toEqual({ kind: 'deliver', skipBelow: 5n });
    expect(await positions.decide(1, 0n)).toEqual({ kind: 'deliver' });
  });

  it('leaves partitions alone that a batch already positioned', async () => {
    const positions = new ExternalPositions(async () => [{ partition: 0, offset: '5' }]);
    await positions.decide(0, 5n);
    positions.advance(0, 80n);
    expect(await positions.assignmentSeeks([0])).toEqual([]);
    expect(await positions.decide(0, 80n)).toEqual({ kind: 'deliver', skipBelow: 80n });
  });

  it('is a no-op without externally stored offsets', async () => {
    expect(await new ExternalPositions(undefined).assignmentSeeks([0, 1])).toEqual([]);
  });
});
