import { describe, expect, it } from 'vitest';
import { TerminalError, TransientError, failureKindOf, isRetryable, isTransient } from './failure-kind.ts';

describe('failure kinds', () => {
  it('reads the adapter verdict, also through causes a use case wrapped around it', () => {
    const lost = new TransientError('connection lost', { cause: new Error('ECONNRESET') });
    expect(failureKindOf(lost)).toBe('transient');
    expect(failureKindOf(new Error('file a.csv: store commit failed', { cause: lost }))).toBe('transient');
    expect(failureKindOf(new TerminalError('password authentication failed'))).toBe('terminal');
    expect(failureKindOf(new Error('unclassified'))).toBeUndefined();
    expect(failureKindOf('a string')).toBeUndefined();
  });

  it('retries all but terminal failures; isTransient accepts only positive verdicts', () => {
    expect([new TransientError('x'), new Error('x'), new TerminalError('x')].map(isRetryable)).toEqual([true, true, false]);
    expect([new TransientError('x'), new Error('x'), new TerminalError('x')].map(isTransient)).toEqual([true, false, false]);
  });

  it('lets the outermost verdict win, so a use case may overrule a driver-level one', () => {
    const refusal = new TerminalError('row refused', { cause: new TransientError('deadlock') });
    expect(isRetryable(refusal)).toBe(false);
  });
});
