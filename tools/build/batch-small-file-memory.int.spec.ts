import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, repoRoot, uniqueName, type TestDatabase } from '@ledgerline/testing';
import { rmSync } from 'node:fs';
import { measureSmallFileMemory } from '../bench/small-file-memory.ts';
import { bundleApp } from './bundle-app.ts';

// Issue #21 point 8: a small statement must not cost hundreds of MB. The bundled batch app (what
// `nx run batch:serve` runs) in its own process, as an operator runs it; the bound is the app's own
// peak RSS. Numbers and their reference: tools/bench/benchmarks/batch-ingest-csv.ts.
describe('batch ingest of a 10-row statement: peak memory', () => {
  const out = join(repoRoot(), 'node_modules', '.cache', uniqueName('small_file_memory'));
  let db: TestDatabase;
  let bundle: string;

  beforeAll(async () => {
    db = await createTestDatabase('small_file_memory');
    bundle = await bundleApp(repoRoot(), 'batch', out);
  });
  afterAll(async () => {
    await db?.drop();
    rmSync(out, { recursive: true, force: true });
  });

  it('stays under 150 MB into PostgreSQL, and under 600 MB into embedded PGlite once its cluster exists', async () => {
    const memory = await measureSmallFileMemory(bundle, db.url, 10);
    expect(memory.postgres).toBeLessThan(150);
    // PGlite is PostgreSQL in this process: its engine is our RSS. With a 16 MB buffer cache it
    // peaked at 224 MB on Node 20 (363 MB with the default 128 MB) but 480 MB on Node 24 in CI:
    // the 150 MB target is not met on PGlite (issue #21 stays open). This bound only
    // catches a regression past the old default cache on the slower runtime.
    expect(memory.pglite).toBeLessThan(600);
  });
});
