import type { LedgerlineEnv } from '@ledgerline/config';

/** Values from the environment that must never be printed (keys, passwords, URL credentials). */
export function secretsOf(env: Partial<LedgerlineEnv>): string[] {
  const secrets = [env.GOOGLE_API_KEY, env.LLM_API_KEY, env.SNOWFLAKE_PASSWORD, env.SNOWFLAKE_PRIVATE_KEY_PASSPHRASE];
  for (const url of [env.DATABASE_URL, env.CHROMA_URL, env.LLM_BASE_URL]) {
    if (!url) continue;
    try {
      const parsed = new URL(url);
      if (parsed.password) secrets.push(decodeURIComponent(parsed.password), parsed.password);
    } catch {
      // not a URL: nothing to extract
    }
  }
  return secrets.filter((s): s is string => typeof s === 'string' && s.length >= 4);
}

/** The text with every secret replaced by [redacted] (also URL-encoded forms). */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join('[redacted]');
  return out;
}
