import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedEnv, runMainJob } from './test-support/main-job-process.ts';

/** A local TCP port nothing listens on (taken, then let go): connecting to it is refused at once. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// The hang of issue #23 part 4: a stage failed to start after the stream stage had started (there
// `timeout exceeded when trying to connect` from PGlite's one pooled connection under load),
// `pipeline failed` was printed, and then the producer, the sink and the flow runner kept retrying
// on a closed database ("Driver not Connected"), ignoring --duration and SIGTERM until killed.
// Here the failing stage is the CDC stage, whose landing zone (S3_ENDPOINT) refuses connections:
// it starts after the stream stage, like the stages that hit the pool timeout.
describe('main job: a stage that fails to start ends the process', () => {
  const dirs: string[] = [];
  const dataDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'ledgerline-start-failure-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('stops what had started and exits non-zero, with the cause on stderr', async () => {
    const port = await closedPort();
    const env = embeddedEnv(dataDir(), {
      DBT_ENABLED: 'false',
      LOG_LEVEL: 'info',
      S3_ENDPOINT: `http://127.0.0.1:${port}`,
      S3_ACCESS_KEY_ID: 'test',
      S3_SECRET_ACCESS_KEY: 'test',
    });
    const started = Date.now();
    // --duration far beyond the kill deadline: only the failure can end the run in time.
    const run = await runMainJob({ args: ['--duration', '3600', '--customers', '4', '--status-every', '5'], env, killAfterMs: 150_000 });
    const seconds = (Date.now() - started) / 1000;
    expect(run.signal, `still running after ${seconds} s (killed); stderr tail:\n${run.stderr.slice(-1500)}`).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/pipeline failed: Error: S3 bucket ledgerline-landing at http:\/\/127\.0\.0\.1:\d+ is not usable/);
    // The stream had started (the failure came after it) and was stopped before the database closed.
    expect(run.stderr).toMatch(/stream sink started/);
    expect(run.stderr).toMatch(/stream sink stopped/);
    expect(run.stderr).not.toMatch(/Driver not Connected/);
  }, 180_000);

  it('a stop that cannot finish within PIPELINE_STOP_TIMEOUT_SECONDS ends the process anyway, non-zero', async () => {
    // The stop drains what was produced and syncs it: with 40 customers' history going out at
    // 5000 events/s and the signal sent once a thousand or more are out, that takes longer than the
    // one-second bound, so the bound, not the stop, ends it. (With 4 customers a quiet machine
    // finished the stop inside the second and exited 0.)
    const env = embeddedEnv(dataDir(), { DBT_ENABLED: 'false', PIPELINE_CDC_ENABLED: 'false', PIPELINE_STOP_TIMEOUT_SECONDS: '1' });
    const run = await runMainJob({
      args: ['--duration', '3600', '--customers', '40', '--rate', '5000', '--status-every', '1'],
      env,
      signal: { name: 'SIGTERM', when: /events produced [1-9]\d{3,} / },
      killAfterMs: 150_000,
    });
    expect(run.signal, `still running after the stop bound (killed); stderr tail:\n${run.stderr.slice(-1500)}`).toBeNull();
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: the stop \(stop signal\) did not finish within PIPELINE_STOP_TIMEOUT_SECONDS=1; exiting with work still pending/);
  }, 180_000);
});
