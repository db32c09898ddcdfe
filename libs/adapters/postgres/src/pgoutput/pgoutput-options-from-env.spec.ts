import { ConfigError, loadConfig } from '@ledgerline/config';
import { describe, expect, it } from 'vitest';
import { pgoutputOptionsFromEnv, type PgoutputEnv } from '../index.ts';

const URL = 'postgres://cdc:secret@127.0.0.1:5432/ledgerline';
const base: PgoutputEnv = { DATABASE_URL: URL, CDC_SLOT: 'ledgerline_cdc', CDC_PUBLICATION: 'ledgerline_cdc', CDC_TABLES: ['public.transactions'], CDC_REPLICA_IDENTITY_FULL: true };

function refusal(env: PgoutputEnv): string[] {
  try {
    pgoutputOptionsFromEnv(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => `${p.variable}: ${p.message}`);
    throw error;
  }
  throw new Error('accepted');
}

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
    expect(refusal({ ...base, CDC_SLOT: 'Bad-Slot' })).toEqual(['CDC_SLOT: expected a lower-case identifier ([a-z_][a-z0-9_]*)']);
    expect(refusal({ ...base, CDC_PUBLICATION: `p${'x'.repeat(63)}` })).toEqual(['CDC_PUBLICATION: expected at most 63 characters (a PostgreSQL identifier)']);
    expect(refusal({ ...base, CDC_TABLES: [] })).toEqual(['CDC_TABLES: expected at least one schema.table']);
    expect(refusal({ ...base, CDC_TABLES: ['transactions'] })[0]).toMatch(/^CDC_TABLES: tables are schema\.table/);
    expect(refusal({ ...base, DATABASE_URL: 'mysql://h/db' })[0]).toMatch(/^DATABASE_URL: /);
  });
});
