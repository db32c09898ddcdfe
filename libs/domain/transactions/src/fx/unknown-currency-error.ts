/**
 * Thrown when a currency has no rate in the FX table. A typed error (rather than a generic one)
 * so the stream sink can recognise it and dead-letter the event instead of failing the batch.
 */
export class UnknownCurrencyError extends Error {
  override readonly name = 'UnknownCurrencyError';

  constructor(readonly currency: string) {
    super(`unknown currency: ${JSON.stringify(currency)} has no FX rate`);
  }
}

export function isUnknownCurrencyError(error: unknown): error is UnknownCurrencyError {
  return error instanceof UnknownCurrencyError;
}
