import { loadConfig } from '@ledgerline/config';
import { describe, expect, it } from 'vitest';
import { chromaFromEnv } from './adapter.ts';

describe('chromaFromEnv', () => {
  it('is undefined without CHROMA_URL (the embedded vector index serves instead)', () => {
    expect(chromaFromEnv(loadConfig({ env: {}, dotenvPath: false }))).toBeUndefined();
  });

  it('builds the vector index of a collection on CHROMA_URL without contacting the server', async () => {
    const chroma = chromaFromEnv(loadConfig({ env: { CHROMA_URL: 'https://chroma.example:8443/' }, dotenvPath: false }));
    expect(chroma?.description).toBe('Chroma https://chroma.example:8443');
    const index = await chroma?.vectorIndex('docs_v1');
    expect(index?.description).toBe('Chroma https://chroma.example:8443 (collection docs_v1)');
  });
});
