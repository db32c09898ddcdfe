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

  it('accepts the real domain libraries', async () => {
    const eslint = new ESLint({ cwd: root });
    const results = await eslint.lintFiles(['libs/domain']);
    const violations = results.flatMap((r) => r.messages.filter((m) => m.ruleId === '@nx/enforce-module-boundaries'));
    expect(violations).toEqual([]);
  });
});
