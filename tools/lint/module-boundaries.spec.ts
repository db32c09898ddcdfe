import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');

// Proves the layering rule bites: the fixture is a `type:domain` project that imports a
// vendor SDK and an adapter. ESLint must report both, and accept the platform import.
describe('module boundaries', () => {
  beforeAll(() => {
    // The rule reads Nx's cached project graph; build it like `npm run lint` does.
    execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, env: { ...process.env, NX_DAEMON: 'false' }, stdio: 'ignore' });
  });

  it('reports a vendor SDK and an adapter imported from domain code', async () => {
    const eslint = new ESLint({ cwd: root, ignore: false });
    const [result] = await eslint.lintFiles(['tools/lint-fixtures/bad-domain/src/violations.ts']);
    const boundaryMessages = (result?.messages ?? []).filter((m) => m.ruleId === '@nx/enforce-module-boundaries');
    const lines = boundaryMessages.map((m) => m.line).sort();
    expect(lines).toEqual([3, 4]);
    expect(boundaryMessages.find((m) => m.line === 3)?.message).toMatch(/kafkajs/);
    expect(boundaryMessages.find((m) => m.line === 4)?.message).toMatch(/can only depend on libs tagged/);
  });

  // The wiring library (libs/wiring, tag type:wiring) may compose several adapters; an adapter may
  // not import it (nor another adapter), and it may not hold a driver (the app rules apply to it).
  it('lets the wiring library compose adapters, and keeps adapters and drivers out of each other', async () => {
    const eslint = new ESLint({ cwd: root });
    const boundary = async (file: string, code: string) => {
      const [result] = await eslint.lintText(code, { filePath: resolve(root, file) });
      return (result?.messages ?? []).map((m) => `${m.ruleId}:${m.line}`);
    };
    const composing = "import { LocalObjectStore } from '@ledgerline/files';\nimport { openS3ObjectStore } from '@ledgerline/s3';\nexport const both = [LocalObjectStore, openS3ObjectStore];\n";
    expect(await boundary('libs/wiring/composition/src/composing.ts', composing)).toEqual([]);
    // The same two imports in an adapter: adapter -> adapter is refused.
    expect(await boundary('libs/adapters/s3/src/composing.ts', composing.replace("import { openS3ObjectStore } from '@ledgerline/s3';", "import { duckDbFromEnv as openS3ObjectStore } from '@ledgerline/duckdb';"))).toEqual([
      '@nx/enforce-module-boundaries:1',
      '@nx/enforce-module-boundaries:2',
    ]);
    expect(await boundary('libs/adapters/files/src/wired.ts', "import { openLandingZoneFromEnv } from '@ledgerline/composition';\nexport const z = openLandingZoneFromEnv;\n")).toEqual(['@nx/enforce-module-boundaries:1']);
    expect(await boundary('libs/wiring/composition/src/driver.ts', "import pg from 'pg';\nexport const p = pg;\n")).toEqual(['@typescript-eslint/no-restricted-imports:1']);
  });

  it('accepts the real domain libraries', async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintFiles(['libs/domain']);
    const violations = results.flatMap((r) => r.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries'));
    expect(violations).toEqual([]);
  });
});
