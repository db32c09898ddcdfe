import { describe, expect, it } from 'vitest';
import { StatementParseError } from '../../statements/statement-parse-error.ts';
import { LineEndTracker } from './line-end-tracker.ts';

function verdict(...chunks: string[]): string {
  const tracker = new LineEndTracker();
  for (const c of chunks) tracker.push(new TextEncoder().encode(c));
  try {
    tracker.check('a.csv');
    return 'complete';
  } catch (error) {
    if (error instanceof StatementParseError) return `${error.line}: ${error.reason}`;
    throw error;
  }
}

describe('LineEndTracker', () => {
  it('calls a file whose last line alone has no terminator truncated, naming that line', () => {
    expect(verdict('Date,Amount\r\n2026-03-01,100.00\r\n2026-03-02,10')).toBe('3: appears truncated at line 3 (its last line has no line end while every other line has one)');
    expect(verdict('Date,Amount\n2026-03-01,', '100.00\n2026-03-02,1')).toBe('3: appears truncated at line 3 (its last line has no line end while every other line has one)');
    expect(verdict('a\rb\rc')).toBe('3: appears truncated at line 3 (its last line has no line end while every other line has one)');
  });

  it('accepts terminated files, trailing blanks, a DOS end mark, and one-line files', () => {
    expect(verdict('Date,Amount\r\n2026-03-01,100.00\r\n')).toBe('complete');
    expect(verdict('Date,Amount\n2026-03-01,100.00\n', '  \t')).toBe('complete');
    expect(verdict('Date,Amount\r\n2026-03-01,100.00\r\n\x1a')).toBe('complete');
    expect(verdict('Date,Amount')).toBe('complete');
  });
});
