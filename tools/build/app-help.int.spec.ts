import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot, uniqueName } from '@ledgerline/testing';
import { bundleApp } from './bundle-app.ts';

// Every app answers --help (and -h) with its usage on stdout and exit 0, as its serve target runs it.
const apps = readdirSync(join(repoRoot(), 'apps')).filter((app) => existsSync(join(repoRoot(), 'apps', app, 'project.json')));
const entryOf = (app: string) => (existsSync(join(repoRoot(), 'apps', app, 'src', 'main.ts')) ? join('src', 'main.ts') : join('src', 'server', 'main.ts'));

describe('every app answers --help', () => {
  const out = join(repoRoot(), 'node_modules', '.cache', uniqueName('help_test'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it.each(apps)('%s --help prints its usage and exits 0', async (app) => {
    const entry = await bundleApp(repoRoot(), app, join(out, app), entryOf(app));
    for (const flag of ['--help', '-h']) {
      const result = spawnSync(process.execPath, [entry, flag], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LOG_LEVEL: 'warn' } });
      expect(result.status, `${app} ${flag}: ${result.stderr}`).toBe(0);
      expect(result.stdout.toLowerCase()).toMatch(/usage/);
    }
  });
});
