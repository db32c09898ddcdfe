import { describe, expect, it } from 'vitest';
import { createLogger } from './index.ts';

describe('createLogger', () => {
  it('filters below the level and writes JSON with scope and fields', () => {
    const lines: string[] = [];
    const log = createLogger({ level: 'info', format: 'json', write: (l) => lines.push(l) }).child('sink', { partition: 3 });
    log.debug('hidden');
    log.info('batch committed', { rows: 500n });
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? '{}');
    expect(entry).toMatchObject({ level: 'info', scope: 'sink', message: 'batch committed', partition: 3, rows: '500' });
  });

  it('formats readable lines', () => {
    const lines: string[] = [];
    createLogger({ write: (l) => lines.push(l) }).warn('lag high', { lag: 12 });
    expect(lines[0]).toMatch(/WARN {2}lag high lag=12$/);
  });
});
