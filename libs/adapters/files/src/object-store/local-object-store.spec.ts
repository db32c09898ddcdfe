import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeObjectStoreContract } from '@ledgerline/cdc/testing';
import { LocalObjectStore } from './local-object-store.ts';

describeObjectStoreContract('local directory', async () => {
  const root = await mkdtemp(join(tmpdir(), 'local-object-store-'));
  return { store: new LocalObjectStore(join(root, 'landing')), cleanup: () => rm(root, { recursive: true, force: true }) };
});
