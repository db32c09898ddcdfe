import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { benchmarkNames, loadBenchmark } from './registry.ts';

const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'bench-registry-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const valid = (name: string) => `export default { name: '${name}', description: 'x', run: async () => ({ metrics: [] }) };\n`;

describe('benchmark registry', () => {
  it('registers the real benchmarks folder', () => {
    expect(benchmarkNames()).toContain('postgres-roundtrip');
  });

  // Smoke only (the benchmarks themselves run by hand, never in CI): they import and are named.
  it('loads the CDC benchmarks (throughput vs Debezium, latency, landing + load vs read_parquet)', async () => {
    for (const name of ['cdc-throughput', 'cdc-latency', 'cdc-land-load']) {
      await expect(loadBenchmark(name)).resolves.toMatchObject({ name, description: expect.stringMatching(/Debezium|roll|read_parquet/) });
    }
  }, 30_000);

  it('registers every benchmark file by name and skips specs', async () => {
    const dir = folder({ 'b-two.ts': valid('b-two'), 'a-one.ts': valid('a-one'), 'a-one.spec.ts': '', 'notes.md': '' });
    expect(benchmarkNames(dir)).toEqual(['a-one', 'b-two']);
    await expect(loadBenchmark('a-one', dir)).resolves.toMatchObject({ name: 'a-one', description: 'x' });
  });

  it('rejects unknown names, mismatched names and malformed exports', async () => {
    const dir = folder({ 'right.ts': valid('wrong'), 'broken.ts': 'export default { name: "broken" };\n' });
    await expect(loadBenchmark('nope', dir)).rejects.toThrow(/unknown benchmark "nope"; known: broken, right/);
    await expect(loadBenchmark('right', dir)).rejects.toThrow(/named "wrong"/);
    await expect(loadBenchmark('broken', dir)).rejects.toThrow(/must default-export/);
  });
});
