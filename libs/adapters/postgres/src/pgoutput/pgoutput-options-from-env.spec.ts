import { ConfigError, loadConfig } from '@ledgerline/config';
import { describe, expect, it } from 'vitest';
import { pgoutputOptionsFromEnv, type PgoutputEnv } from '../index.ts';

const URL = 'postgres://cdc:secret@127.0.0.1:5432/ledgerline';
const base: PgoutputEnv = { DATABASE_URL: URL, CDC_SLOT: 'ledgerline_cdc', CDC_PUBLICATION: 'ledgerline_cdc', CDC_TABLES: ['public.transactions'], CDC_REPLICA_IDENTITY_FULL: true };

// pgoutputOptionsFromEnv is the only reader of CDC_SLOT, CDC_PUBLICATION and CDC_REPLICA_IDENTITY_FULL
// (lint refuses them in apps): apps/cdc names the slot, publication and tables from what it returns.
describe('pgoutputOptionsFromEnv', () => {
  it('returns the validated settings, defaults filled in, and nothing without DATABASE_URL', () => {
    const env = loadConfig({ env: { DATABASE_URL: URL, CDC_SLOT: 'my_slot', CDC_TABLES: 'public.accounts,public.transactions' }, dotenvPath: false });
    expect(pgoutputOptionsFromEnv(env)).toEqual({
      url: URL,
      slot: 'my_slot',
      publication: 'ledgerline_cdc',
      tables: ['public.accounts', 'public.transactions'],
      replicaIdentityFull: true,
      snapshotBatchRows: 5_000,
      stateTable: 'ledgerline_cdc_state',
    });
    expect(pgoutputOptionsFromEnv({ ...base, DATABASE_URL: undefined })).toBeUndefined();
  });

  it('refuses a bad setting with the variable it came from (before: handed on unchecked)', () => {
    const refused = (env: PgoutputEnv) => () => pgoutputOptionsFromEnv(env);
    expect(refused({ ...base, CDC_SLOT: 'Bad-Slot' })).toThrow(ConfigError);
    expect(refused({ ...base, CDC_SLOT: 'Bad-Slot' })).toThrow(/\n {2}CDC_SLOT: expected a lower-case identifier \(\[a-z_\]\[a-z0-9_\]\*\)\n/);
    expect(refused({ ...base, CDC_PUBLICATION: `p${'x'.repeat(63)}` })).toThrow(/\n {2}CDC_PUBLICATION: expected at most 63 characters \(a PostgreSQL identifier\)\n/);
    expect(refused({ ...base, CDC_TABLES: [] })).toThrow(/\n {2}CDC_TABLES: expected at least one schema\.table\n/);
    expect(refused({ ...base, CDC_TABLES: ['transactions'] })).toThrow(/\n {2}CDC_TABLES: tables are schema\.table/);
    expect(refused({ ...base, DATABASE_URL: 'mysql://h/db' })).toThrow(/\n {2}DATABASE_URL: /);
  });
});
