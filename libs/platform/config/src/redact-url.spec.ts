import { describe, expect, it } from 'vitest';
import { redactUrl } from './redact-url.ts';

describe('redactUrl', () => {
  it('hides the password and keeps everything else', () => {
    expect(redactUrl('postgres://u:p@h/db')).toBe('postgres://u:***@h/db');
    expect(redactUrl('postgres://u@h:5432/db')).toBe('postgres://u@h:5432/db');
  });
  it('never echoes an unparseable value', () => {
    expect(redactUrl('not a url')).toBe('(unparseable URL)');
  });
});
