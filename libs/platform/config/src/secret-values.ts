import type { LedgerlineEnv } from './schema.ts';

/**
 * Values from the environment that must never be printed (keys, passwords, URL credentials).
 * Here, beside the schema, so that an app redacting its output needs no adapter's variable names.
 */
export function secretValuesOf(env: Partial<LedgerlineEnv>): string[] {
  const secrets = [env.GOOGLE_API_KEY, env.LLM_API_KEY, env.SNOWFLAKE_PASSWORD, env.SNOWFLAKE_PRIVATE_KEY_PASSPHRASE, env.S3_SECRET_ACCESS_KEY, env.CDC_LOAD_SECRET, env.COINGECKO_API_KEY];
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
