import { describe, expect, it } from 'vitest';
import { backfillRunId } from './backfill-run-id.ts';

describe('backfillRunId', () => {
  it('is one UUID per flow and day, the same on every call', () => {
    const id = backfillRunId('warehouse-sync', '2026-11-30');
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(backfillRunId('warehouse-sync', '2026-11-30')).toBe(id);
    expect(backfillRunId('warehouse-sync', '2026-12-01')).not.toBe(id);
    expect(backfillRunId('batch-statements', '2026-11-30')).not.toBe(id);
  });
});
