import { secretValuesOf } from '@ledgerline/config';

/** Values from the environment that must never be printed (keys, passwords, URL credentials). */
export const secretsOf = secretValuesOf;

/** The text with every secret replaced by [redacted] (also URL-encoded forms). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('[redacted]');
  return out;
}
