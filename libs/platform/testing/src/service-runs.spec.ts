import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { otherLiveRuns, registerRun, servicesToStop, startedServices, unregisterRun } from './service-runs.ts';

const dirs: string[] = [];
function cacheDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'services-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function writeService(dir: string, name: string, startedAt: number, startedBy?: string): void {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, 'started_at'), `${startedAt}\n`);
  if (startedBy) writeFileSync(join(dir, name, 'started_by'), `${startedBy}\n`);
}

describe('servicesToStop', () => {
  const services = [
    { name: 'postgres', startedAt: 2_000, startedBy: 'harness' },
    { name: 'kafka', startedAt: 500, startedBy: 'manual' },
    { name: 'chroma', startedAt: 1_500, startedBy: 'manual' },
    { name: 'old', startedAt: 100, startedBy: 'harness' },
  ];

  it('stops what started during the run and leftovers of dead harness runs, not hand-started ones', () => {
    expect(servicesToStop(services, 1_000, false).sort()).toEqual(['chroma', 'old', 'postgres']);
  });

  it('stops nothing while another run may still use the services', () => {
    expect(servicesToStop(services, 1_000, true)).toEqual([]);
  });
});

describe('run registry and service state', () => {
  it('reads started_at/started_by and ignores services that are not started', () => {
    const dir = cacheDir();
    writeService(dir, 'postgres', 1234, 'harness');
    writeService(dir, 'kafka', 99);
    mkdirSync(join(dir, 'chroma'));
    expect(startedServices(dir).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'kafka', startedAt: 99, startedBy: 'manual' },
      { name: 'postgres', startedAt: 1234, startedBy: 'harness' },
    ]);
  });

  it('sees other live runs and forgets dead ones', () => {
    const dir = cacheDir();
    registerRun(dir, process.pid, 1);
    registerRun(dir, process.ppid, 2);
    // A pid far above any default pid_max stands for a run that crashed before its teardown.
    registerRun(dir, 2 ** 30, 3);
    expect(otherLiveRuns(dir, process.pid)).toEqual([process.ppid]);
    expect(readdirSync(join(dir, 'runs')).sort()).toEqual([`${process.pid}.json`, `${process.ppid}.json`].sort());
    unregisterRun(dir, process.ppid);
    expect(otherLiveRuns(dir, process.pid)).toEqual([]);
  });
});
