import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '@ledgerline/config';
import { openLandingZoneFromEnv } from './landing-zone.ts';

// The local branch of the landing zone's one choice; the S3 branch is landing-zone.s3.int.spec.ts.
describe('openLandingZoneFromEnv without S3_ENDPOINT', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('is the local directory DATA_DIR/landing: what one writer puts there, another opening reads', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'landing-zone-'));
    dirs.push(dataDir);
    const env = loadConfig({ env: { DATA_DIR: dataDir }, dotenvPath: false });
    const writer = await openLandingZoneFromEnv(env);
    expect(writer.description).toBe(`local directory ${join(dataDir, 'landing')}`);
    expect(writer.bucket).toBeUndefined();
    await writer.store.put('cdc/public.accounts/dt=2026-12-07/0-0-1.parquet', Buffer.from('PAR1'));
    await writer.close();
    expect(await readFile(join(dataDir, 'landing', 'cdc/public.accounts/dt=2026-12-07/0-0-1.parquet'), 'utf8')).toBe('PAR1');

    const reader = await openLandingZoneFromEnv(env);
    expect((await reader.store.list('cdc/')).map((o) => o.key)).toEqual(['cdc/public.accounts/dt=2026-12-07/0-0-1.parquet']);
    await reader.close();
  });

  it('a relative DATA_DIR is made absolute once, so every process names the same directory', async () => {
    const env = loadConfig({ env: { DATA_DIR: 'some-relative-data' }, dotenvPath: false });
    const opened = await openLandingZoneFromEnv(env);
    expect(opened.description).toBe(`local directory ${resolve('some-relative-data', 'landing')}`);
    // Opening creates nothing: the directory appears with the first file.
    expect(existsSync(resolve('some-relative-data'))).toBe(false);
  });

  it('S3_ENDPOINT without credentials is refused naming the variable, never a silent local fallback', async () => {
    const env = loadConfig({ env: { DATA_DIR: 'unused', S3_ENDPOINT: 'http://127.0.0.1:1' }, dotenvPath: false });
    await expect(openLandingZoneFromEnv(env)).rejects.toThrow(/S3_ACCESS_KEY_ID: is not set/);
  });
});
