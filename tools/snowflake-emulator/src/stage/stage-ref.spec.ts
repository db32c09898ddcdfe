import { describe, expect, it } from 'vitest';
import { parseStageRef } from './stage-ref.ts';

describe('parseStageRef', () => {
  it('reads user, table and named stages with their paths', () => {
    expect(parseStageRef('@~/loads/2026/')).toEqual({ kind: 'user', name: '~', schema: null, path: 'loads/2026' });
    expect(parseStageRef('@%transactions')).toEqual({ kind: 'table', name: 'TRANSACTIONS', schema: null, path: '' });
    expect(parseStageRef('@raw.%tx/a')).toEqual({ kind: 'table', name: 'TX', schema: 'RAW', path: 'a' });
    expect(parseStageRef('@ledgerline.raw.loads/x.csv.gz')).toEqual({ kind: 'named', name: 'LOADS', schema: 'RAW', path: 'x.csv.gz' });
  });

  it('keeps quoted names as written and accepts the quoted form the driver uses', () => {
    expect(parseStageRef('@"My Stage"/a/b')).toEqual({ kind: 'named', name: 'My Stage', schema: null, path: 'a/b' });
    expect(parseStageRef("'@SYSTEM$BIND/123'")).toEqual({ kind: 'named', name: 'SYSTEM$BIND', schema: null, path: '123' });
  });

  it('rejects text that is not a stage', () => {
    expect(() => parseStageRef('stage')).toThrow(/not a stage/);
  });
});
