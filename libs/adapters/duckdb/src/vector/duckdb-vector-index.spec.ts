import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeNewsRetrievalContract, describeVectorIndexContract } from '@ledgerline/agent/testing';
import { afterAll } from 'vitest';
import { DuckDbVectorIndex } from './duckdb-vector-index.ts';

const dir = mkdtempSync(join(tmpdir(), 'vectors-'));
let counter = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeVectorIndexContract('DuckDB arrays', async () => {
  counter += 1;
  const index = new DuckDbVectorIndex({ path: join(dir, 'vectors.duckdb'), collection: `contract_${counter}` });
  return {
    index,
    cleanup: async () => {
      await index.deleteCollection();
      await index.close();
    },
  };
});

describeNewsRetrievalContract('DuckDB arrays (the embedded index)', async () => {
  counter += 1;
  const index = new DuckDbVectorIndex({ path: join(dir, 'vectors.duckdb'), collection: `news_${counter}` });
  return {
    index,
    cleanup: async () => {
      await index.deleteCollection();
      await index.close();
    },
  };
});
