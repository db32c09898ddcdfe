/** Replaces every occurrence of each secret (and its URL-encoded form) with `[redacted]`. */
export function redactSecrets(text: string, secrets: ReadonlyArray<string | undefined>): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('[redacted]');
  }
  return out;
}

/** An error whose message (and cause chain) cannot carry the key into logs or output. */
export class GeminiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'GeminiError';
  }
}

/** Rethrows any failure of `work` as a GeminiError with the key removed from its message. */
export async function withRedactedErrors<T>(apiKey: string, what: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new GeminiError(`${what} failed: ${redactSecrets(message, [apiKey])}`);
  }
}
