import { describe, expect, it } from 'vitest';
import { DEFAULT_SYNC_TABLES } from '@ledgerline/warehouse-sync';
import * as changeLog from '../../change-log/change-log-sql.ts';
import { renderAllStatements } from './all-statements.ts';
import * as lock from './lock-sql.ts';
import * as merge from './merge-sql.ts';
import * as schema from './schema-ddl.ts';
import * as scratch from './scratch-sql.ts';
import * as session from './session-sql.ts';
import * as staging from './staging-sql.ts';
import * as syncState from './sync-state-sql.ts';

// Helpers that build fragments, not statements (they are inside the rendered statements).
const FRAGMENTS = new Set(['latestPerKeySql', 'stagingColumns', 'stagePathOf']);
const MODULES = { lock, merge, schema, scratch, session, staging, syncState, changeLog };

describe('renderAllStatements', () => {
  const rendered = renderAllStatements({ database: 'LEDGERLINE', schema: 'RAW' }, DEFAULT_SYNC_TABLES);

  it('renders every statement builder the SQL modules export', () => {
    const builders = Object.values(MODULES).flatMap((module) =>
      Object.entries(module)
        .filter(([name, value]) => (typeof value === 'function' || name.endsWith('_SQL')) && !FRAGMENTS.has(name))
        .map(([name]) => name),
    );
    const covered = new Set(rendered.map((s) => s.builder));
    expect(builders.filter((name) => !covered.has(name))).toEqual([]);
  });

  it('renders the per-table statements for every sync table', () => {
    const merges = rendered.filter((s) => s.builder === 'mergeStagingSql');
    expect(merges.map((s) => s.origin)).toEqual(DEFAULT_SYNC_TABLES.map((t) => `adapter:mergeStagingSql:${t.name}`));
    expect(merges.every((s) => s.sql.includes('QUALIFY ROW_NUMBER() OVER (PARTITION BY'))).toBe(true);
  });
});
