import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot, startNodeProcess } from '@ledgerline/testing';
import { withDuckDb } from '../../connection/shared-instances.ts';
import { useRawDatasetFile } from '../raw-dataset-file.test-helper.ts';
import { refreshServingTables } from './refresh-serving-tables.ts';
import { dumpServing } from './serving-dump.test-helper.ts';
import { simulateRawChanges } from './simulate-raw-changes.ts';

const FIXTURE = join('libs', 'adapters', 'duckdb', 'src', 'analytics', 'serving', 'refresh-kill.fixture.ts');

/** Runs the fixture's refresh on `path`, killed at `step`; resolves with how it ended. */
async function refreshKilledAt(path: string, step: string) {
  const child = startNodeProcess(['--import', 'tsx', FIXTURE], [path, step], { cwd: repoRoot() });
  return { ...(await child.exited), output: child.output };
}

// A process killed in the middle of a refresh (or right after its commit, before the file was
// checkpointed) leaves the serving layer exactly as it was before, or exactly as the refresh
// makes it, never a mix; and the next refresh completes it.
describe('serving refresh killed mid-way', () => {
  const file = useRawDatasetFile('serving-kill', { customers: 3, months: 2 });
  let changed = '';
  let old: Record<string, unknown[]> = {};
  let expected: Record<string, unknown[]> = {};

  beforeAll(async () => {
    changed = join(file.dir, 'changed.duckdb');
    await withDuckDb(file.path, async (db) => {
      await refreshServingTables(db, { full: true });
      old = await dumpServing(db);
      const rows = Number((await db.runAndReadAll('SELECT count(*) AS n FROM raw.transactions')).getRowObjectsJS()[0]?.n);
      await simulateRawChanges(db, { count: Math.ceil(rows / 10), seed: 5 });
    });
    copyFileSync(file.path, changed);
    // What the refresh must produce: run it to the end on another copy.
    await withDuckDb(file.path, async (db) => {
      expect((await refreshServingTables(db)).mode).toBe('incremental');
      expected = await dumpServing(db);
    });
  });

  it.each([
    ['patch daily_merchant', 'old'],
    ['after commit', 'new'],
  ] as const)('killed at "%s": the %s state', async (step, state) => {
    const path = join(file.dir, `killed-${step.replace(/\W+/g, '-')}.duckdb`);
    copyFileSync(changed, path);
    const ended = await refreshKilledAt(path, step);
    expect(ended, ended.output.join('\n')).toMatchObject({ signal: 'SIGKILL' });
    await withDuckDb(path, async (db) => {
      expect(await dumpServing(db)).toEqual(state === 'old' ? old : expected);
      await refreshServingTables(db);
      expect(await dumpServing(db)).toEqual(expected);
    });
  });
});
