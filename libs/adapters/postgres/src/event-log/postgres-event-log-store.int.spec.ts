import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LoggedEvent } from '@ledgerline/ingestion';
import { createPostgresStore } from '../index.ts';
import { PostgresEventLogStore } from './postgres-event-log-store.ts';

function event(partition: number, offset: number, text: string): LoggedEvent {
  return { partition, offset, key: `k-${partition}`, value: Buffer.from(text), headers: { h: text }, timestamp: '2026-12-06T10:00:00.000Z' };
}

// The embedded bus's log on PGlite: it must outlive the process, like the stored offsets beside it.
describe('PostgresEventLogStore on PGlite', () => {
  it('appends all or nothing and keeps topics, events and log ends across close and reopen', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ledgerline-event-log-')), 'pglite');
    const first = await createPostgresStore({ pgliteDir: dir });
    try {
      await first.migrate();
      // Two rows per INSERT, so a five-event append spans three statements.
      const log = new PostgresEventLogStore(first.sql, 2);
      expect(await log.loadTopics()).toEqual([]);
      expect(await log.createTopic('tx', 3)).toBe(3);
      expect(await log.createTopic('tx', 5)).toBe(3); // an existing topic keeps its partitions
      await log.append('tx', [event(0, 0, 'a'), event(0, 1, 'b'), event(2, 0, 'c')]);
      await expect(log.append('tx', [event(0, 1, 'again')])).rejects.toThrow(); // an offset is taken once
      // The last statement collides: nothing of the append may remain.
      await expect(log.append('tx', [event(1, 0, 'x'), event(1, 1, 'y'), event(1, 2, 'z'), event(1, 3, 'w'), event(2, 0, 'dup')])).rejects.toThrow();
      expect(await log.loadTopics()).toEqual([{ topic: 'tx', partitions: 3, ends: [2, 0, 1] }]);
    } finally {
      await first.close();
    }

    const reopened = await createPostgresStore({ pgliteDir: dir });
    try {
      await reopened.migrate();
      const log = new PostgresEventLogStore(reopened.sql);
      expect(await log.loadTopics()).toEqual([{ topic: 'tx', partitions: 3, ends: [2, 0, 1] }]);
      const read = await log.read('tx', 0, 1, 10);
      expect(read).toEqual([event(0, 1, 'b')]);
      expect(Buffer.isBuffer(read[0]?.value)).toBe(true);
      expect(await log.read('tx', 1, 0, 10)).toEqual([]);
    } finally {
      await reopened.close();
    }
  });
});
