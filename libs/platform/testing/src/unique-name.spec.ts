import { describe, expect, it } from 'vitest';
import { uniqueName } from './unique-name.ts';

describe('uniqueName', () => {
  it('never repeats and keeps the prefix', () => {
    const names = Array.from({ length: 500 }, () => uniqueName('orders'));
    expect(new Set(names).size).toBe(500);
    for (const n of names) expect(n.startsWith('orders_')).toBe(true);
  });

  it('is a valid Postgres identifier, Kafka topic and Chroma collection name', () => {
    for (const prefix of ['Sink Test!', '9lives', '', '__', 'x'.repeat(80), 'ünïcode-topic.v1']) {
      const name = uniqueName(prefix);
      expect(name).toMatch(/^[a-z][a-z0-9_]*[a-z0-9]$/);
      expect(name.length).toBeLessThanOrEqual(63);
    }
  });
});
