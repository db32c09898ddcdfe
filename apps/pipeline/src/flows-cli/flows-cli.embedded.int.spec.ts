import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliEnv, DAY, flowsCli, historyRows, isoDay, knownFlows, NAMED_FLOWS } from './flows-cli.test-helpers.ts';

// The embedded default (no DATABASE_URL): the same CLI and flow definitions on pg-boss over the
// PGlite directory in DATA_DIR. Each command opens the directory afresh and closes it (PGlite
// opens in one process at a time), so what one command ran the next one's history must read from
// the files. Kept to one flow and one day: a PGlite open + migration costs seconds per command here.
describe('nx run pipeline:serve -- flows … on the embedded store (PGlite)', () => {
  let dataDir: string;
  let env: Record<string, string>;
  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-flows-cli-embedded-'));
    env = cliEnv({ DATABASE_URL: '', DATA_DIR: dataDir });
  });
  afterAll(() => {
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs a flow, backfills a day once, and the history of both outlives each process', async () => {
    const unknown = await flowsCli(['history', 'market-price'], env);
    expect(unknown.code).toBe(2);
    expect(knownFlows(unknown.stderr, 'market-price')).toEqual(NAMED_FLOWS);

    const run = await flowsCli(['run', 'market-prices'], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);

    const day = isoDay(Date.now() - 5 * DAY);
    const first = await flowsCli(['backfill', 'market-prices', '--from', day, '--to', day], env);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain(`backfill market-prices ${day}..${day}: queued 1 run(s), 0 day(s) already had one`);
    const again = await flowsCli(['backfill', 'market-prices', '--from', day, '--to', day], env);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('queued 0 run(s), 1 day(s) already had one');

    const history = await flowsCli(['history'], env);
    expect(history.code).toBe(0);
    const rows = historyRows(history.stdout);
    expect(rows.map((r) => `${r.flow}:${r.day}:${r.state}:${r.attempts}`)).toEqual([`market-prices:${day}:succeeded:1`, 'market-prices:-:succeeded:1']);
  }, 300_000);
});
