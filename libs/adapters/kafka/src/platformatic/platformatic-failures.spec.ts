import { describe, expect, it } from 'vitest';
import { TerminalError, TransientError } from '@ledgerline/transactions';
import { classifyPlatformaticError, platformaticFailureKind } from './platformatic-failures.ts';

/** Errors shaped as @platformatic/kafka throws them (code, canRetry, cause, errors). */
function pltError(code: string, canRetry: boolean, extra: { cause?: unknown; errors?: unknown[] } = {}): Error {
  return Object.assign(new Error(`${code} happened`, { cause: extra.cause }), { code, canRetry, errors: extra.errors });
}

describe('platformatic failures at the adapter edge', () => {
  it('a network error or timeout anywhere in the chain is transient', () => {
    expect(platformaticFailureKind(pltError('PLT_KFK_NETWORK', true))).toBe('transient');
    expect(platformaticFailureKind(pltError('PLT_KFK_TIMEOUT', false))).toBe('transient');
    expect(platformaticFailureKind(pltError('PLT_KFK_MULTIPLE', false, { errors: [pltError('PLT_KFK_PROTOCOL', false), pltError('PLT_KFK_NETWORK', true)] }))).toBe('transient');
    expect(platformaticFailureKind(pltError('PLT_KFK_USER', false, { cause: pltError('PLT_KFK_PROTOCOL', true) }))).toBe('transient');
  });

  it('a refused request (not retriable) is terminal; foreign errors pass unchanged', () => {
    expect(classifyPlatformaticError(pltError('PLT_KFK_PROTOCOL', false))).toBeInstanceOf(TerminalError);
    expect(classifyPlatformaticError(pltError('PLT_KFK_NETWORK', true))).toBeInstanceOf(TransientError);
    const plain = new Error('not from kafka');
    expect(classifyPlatformaticError(plain)).toBe(plain);
    expect(platformaticFailureKind('text')).toBeUndefined();
  });
});
