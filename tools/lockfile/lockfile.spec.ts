import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manifestDrift, missingOptionalEntries, type Lockfile, type Manifest } from './lockfile-gaps.ts';

const root = join(import.meta.dirname, '..', '..');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(join(root, path), 'utf8')) as T;

function workspaceManifests(): string[] {
  const dirs: string[] = [];
  for (const base of ['apps', 'libs/domain', 'libs/adapters', 'libs/platform', 'libs/wiring']) {
    if (!existsSync(join(root, base))) continue;
    for (const dir of readdirSync(join(root, base))) {
      if (existsSync(join(root, base, dir, 'package.json'))) dirs.push(`${base}/${dir}`);
    }
  }
  return dirs;
}

describe('package-lock.json', () => {
  const lock = readJson<Lockfile>('package-lock.json');

  it('holds every optional platform binary, so npm ci accepts it on Linux and macOS, x64 and arm64', () => {
    // Fix with: bash tools/lockfile/complete.sh
    expect(missingOptionalEntries(lock)).toEqual([]);
    for (const binary of ['darwin-arm64', 'darwin-x64', 'linux-arm64', 'linux-x64']) {
      expect(lock.packages[`node_modules/@duckdb/node-bindings-${binary}`], binary).toBeDefined();
    }
  });

  it('agrees with package.json and every workspace manifest', () => {
    const drift = [
      ...manifestDrift(lock, '', readJson<Manifest>('package.json')),
      ...workspaceManifests().flatMap((dir) => manifestDrift(lock, dir, readJson<Manifest>(`${dir}/package.json`))),
    ];
    expect(drift).toEqual([]);
  });
});

describe('lockfile checks', () => {
  it('name an optional binary that has no entry (what npm 11 leaves out)', () => {
    const lock: Lockfile = {
      packages: {
        '': { dependencies: { '@duckdb/node-bindings': '1.0.0' } },
        'node_modules/@duckdb/node-bindings': {
          version: '1.0.0',
          optionalDependencies: { '@duckdb/node-bindings-linux-x64': '1.0.0', '@duckdb/node-bindings-darwin-arm64': '1.0.0' },
        },
        'node_modules/@duckdb/node-bindings-linux-x64': { version: '1.0.0' },
      },
    };
    expect(missingOptionalEntries(lock)).toEqual([
      '@duckdb/node-bindings-darwin-arm64 (optional dependency of node_modules/@duckdb/node-bindings)',
    ]);
  });

  it('find an optional dependency installed in an enclosing node_modules', () => {
    const lock: Lockfile = {
      packages: {
        'node_modules/a': { optionalDependencies: { b: '1' } },
        'node_modules/a/node_modules/c': { optionalDependencies: { b: '1' } },
        'node_modules/b': { version: '1' },
      },
    };
    expect(missingOptionalEntries(lock)).toEqual([]);
  });

  it('name a dependency that package.json and the lockfile disagree on', () => {
    const lock: Lockfile = { packages: { '': { dependencies: { zod: '4.0.0' } } } };
    expect(manifestDrift(lock, '', { dependencies: { zod: '4.1.0', pg: '8.0.0' } })).toEqual([
      'package.json dependencies.zod: package.json says 4.1.0, lockfile 4.0.0',
      'package.json dependencies.pg: package.json says 8.0.0, lockfile (nothing)',
    ]);
  });
});
