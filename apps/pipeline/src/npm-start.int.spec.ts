import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedEnv, runMainJob } from './test-support/main-job-process.ts';

// `npm start` is `bash tools/start.sh`; it ran the job under `nx run pipeline:serve`, and on Ctrl-C
// nx ended first and took the job's output with it: no `stopped: ...` line, the clean stop unseen
// (or the job died writing it). Here Ctrl-C goes to the whole process group, as a terminal sends it.
describe('npm start (tools/start.sh) on Ctrl-C', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'ledgerline-npm-start-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops the job cleanly and shows its stop line', async () => {
    const run = await runMainJob({
      viaNpmStart: true,
      args: ['--no-dashboard', '--clock', 'fast', '--rate', '200', '--customers', '5', '--status-every', '1'],
      env: embeddedEnv(dataDir, { DBT_ENABLED: 'false', PIPELINE_CDC_ENABLED: 'false', SYNC_INTERVAL_SECONDS: '5' }),
      signal: { name: 'SIGINT', when: /events produced [1-9]\d* / },
    });
    expect(run.stdout, run.stderr).toMatch(/^stopped: \d+ events produced, \d+ landed, \d+ dead-lettered, 0 in flight$/m);
    expect(run.code, run.stderr).toBe(0);
  }, 240_000);
});
