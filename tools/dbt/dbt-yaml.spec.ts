import {
  ACCOUNT_STATUSES,
  ACCOUNT_TYPES,
  CHANNELS,
  COMPANY_ROLES,
  CUSTOMER_KINDS,
  DIRECTIONS,
  INDUSTRIES,
  PERSONAS,
  TX_SOURCES,
  TX_STATUSES,
  TXN_TYPES,
} from '@ledgerline/transactions';
import { describe, expect, it } from 'vitest';
import { acceptedValues, readDbtProperties } from './dbt-yaml.ts';
import { RAW_TABLES, SYNC_COLUMNS, allColumns } from './raw-tables.ts';

// Column name (as renamed in staging) -> the domain enum its accepted_values must list.
const DOMAIN_ENUMS: Record<string, readonly string[]> = {
  direction: DIRECTIONS,
  txn_type: TXN_TYPES,
  status: TX_STATUSES,
  channel: CHANNELS,
  ingestion_source: TX_SOURCES,
  customer_kind: CUSTOMER_KINDS,
  persona: PERSONAS,
  account_type: ACCOUNT_TYPES,
  account_status: ACCOUNT_STATUSES,
  company_role: COMPANY_ROLES,
  industry: INDUSTRIES,
};

const properties = readDbtProperties();
const models = properties.flatMap(({ properties: p }) => p.models ?? []);

describe('dbt YAML', () => {
  it('tests every enum column against exactly the domain enum', () => {
    const checked = new Set<string>();
    for (const model of models) {
      for (const column of model.columns ?? []) {
        const domain = DOMAIN_ENUMS[column.name];
        if (!domain) continue;
        const values = acceptedValues(column);
        expect(values, `${model.name}.${column.name} has no accepted_values test`).not.toBeNull();
        expect([...(values ?? [])].sort(), `${model.name}.${column.name}`).toEqual([...domain].sort());
        checked.add(column.name);
      }
    }
    expect([...checked].sort()).toEqual(Object.keys(DOMAIN_ENUMS).sort());
  });

  it('documents every model in its own YAML file, with a description for every column', () => {
    const perFile = properties.filter(({ properties: p }) => p.models).map(({ file, properties: p }) => ({ file, names: (p.models ?? []).map((m) => m.name) }));
    for (const { file, names } of perFile) expect(names.map((n) => `${n}.yml`), file).toEqual([file.split('/').at(-1)]);
    for (const model of models) {
      expect(model.description?.trim(), model.name).toBeTruthy();
      expect(model.columns?.length ?? 0, model.name).toBeGreaterThan(0);
      const undocumented = (model.columns ?? []).filter((c) => !c.description?.trim()).map((c) => c.name);
      expect(undocumented, model.name).toEqual([]);
    }
  });

  it('declares the RAW sources with exactly the columns of the RAW contract', () => {
    const sources = properties.flatMap(({ properties: p }) => p.sources ?? []);
    const raw = sources.find((s) => s.name === 'raw');
    expect(raw?.tables.map((t) => t.name).sort()).toEqual(Object.keys(RAW_TABLES).sort());
    for (const table of raw?.tables ?? []) {
      const spec = RAW_TABLES[table.name as keyof typeof RAW_TABLES];
      expect((table.columns ?? []).map((c) => c.name), table.name).toEqual(allColumns(spec).map((c) => c.name));
    }
    expect(SYNC_COLUMNS.map((c) => c.name)).toEqual(['_change_seq', '_deleted', '_synced_at']);
  });
});
