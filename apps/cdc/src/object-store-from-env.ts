import { resolve } from 'node:path';
import type { LedgerlineEnv } from '@ledgerline/config';
import type { ObjectStore } from '@ledgerline/cdc';
import { LocalObjectStore } from '@ledgerline/files';
import { openS3ObjectStore, s3OptionsFromEnv } from '@ledgerline/s3';

export interface OpenedObjectStore {
  store: ObjectStore;
  description: string;
  close(): Promise<void>;
}

/** The landing zone's store: the S3-compatible server at S3_ENDPOINT, else DATA_DIR/landing. */
export async function openObjectStoreFromEnv(env: LedgerlineEnv): Promise<OpenedObjectStore> {
  const s3 = s3OptionsFromEnv(env);
  if (s3) return openS3ObjectStore(s3);
  const root = resolve(env.DATA_DIR, 'landing');
  return { store: new LocalObjectStore(root), description: `local directory ${root}`, close: async () => undefined };
}
