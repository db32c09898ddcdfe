import { describe, expect, it } from 'vitest';
import { redactingIo } from './command-io.ts';
import { redact, secretsOf } from './redact-output.ts';

describe('secret redaction', () => {
  const env = {
    GOOGLE_API_KEY: 'AIzaSy-not-a-real-key_123',
    DATABASE_URL: 'postgres://app:p%40ss%2Fword@db:5432/ledgerline',
    SNOWFLAKE_PASSWORD: 'snowpass!',
  };

  it('collects keys, passwords and URL credentials (decoded and encoded)', () => {
    expect(secretsOf(env)).toEqual(expect.arrayContaining(['AIzaSy-not-a-real-key_123', 'snowpass!', 'p@ss/word', 'p%40ss%2Fword']));
    expect(secretsOf({})).toEqual([]);
  });

  it('removes every occurrence from any output line', () => {
    const lines: string[] = [];
    const io = redactingIo({ out: (t) => lines.push(t), err: (t) => lines.push(t) }, secretsOf(env));
    io.err('request to https://x.googleapis.com/v1?key=AIzaSy-not-a-real-key_123 failed (key AIzaSy-not-a-real-key_123)');
    io.out('connecting to postgres://app:p%40ss%2Fword@db:5432 as p@ss/word');
    expect(lines.join('\n')).not.toMatch(/AIzaSy|p%40ss|p@ss\/word/);
    expect(lines[0]).toContain('key=[redacted]');
    expect(redact('nothing secret here', secretsOf(env))).toBe('nothing secret here');
  });
});
