import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { appendReport, renderSection, type RunReport } from './report.ts';

const report: RunReport = {
  date: new Date('2026-03-04T05:06:07Z'),
  machine: { cpu: 'Test CPU', cores: 2, ramGiB: 24, os: 'Debian GNU/Linux 12', node: 'v20.20.0' },
  results: [
    {
      name: 'postgres-roundtrip',
      description: 'd',
      result: { metrics: [{ name: 'p50', value: 0.123456, unit: 'ms' }, { name: 'throughput', value: 8123.9, unit: 'ops/s' }], notes: ['5000 round trips'] },
    },
  ],
};

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('benchmark report', () => {
  it('renders a dated section with the machine and one row per metric', () => {
    const text = renderSection(report);
    expect(text).toContain('## 2026-03-04 05:06 UTC — postgres-roundtrip');
    expect(text).toContain('Machine: Test CPU, 2 cores, 24 GiB RAM, Debian GNU/Linux 12, Node v20.20.0');
    expect(text).toContain('| postgres-roundtrip | p50 | 0.123 | ms |');
    expect(text).toContain('| postgres-roundtrip | throughput | 8124 | ops/s |');
    expect(text).toContain('- postgres-roundtrip: 5000 round trips');
  });

  it('creates the file with a header once, then appends sections', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-'));
    dirs.push(dir);
    const path = join(dir, 'benchmarks.md');
    appendReport(path, report);
    appendReport(path, { ...report, date: new Date('2026-03-05T00:00:00Z') });
    const text = readFileSync(path, 'utf8');
    expect(text.match(/^# Benchmarks$/gm)).toHaveLength(1);
    expect(text.indexOf('2026-03-04')).toBeLessThan(text.indexOf('2026-03-05'));
  });
});
