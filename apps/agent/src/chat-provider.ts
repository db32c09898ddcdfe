import { ConfigError, type LedgerlineEnv } from '@ledgerline/config';

/** Which chat model the agent plans with, and the settings it needs (validated up front). */
export type ChatProvider =
  | { readonly kind: 'offline' }
  | { readonly kind: 'gemini' }
  | { readonly kind: 'openai-compatible'; readonly baseUrl: string; readonly model: string };

/**
 * LLM_PROVIDER, or by default Gemini when GOOGLE_API_KEY is set and the offline planner
 * otherwise. A provider named without what it needs is a configuration error naming the
 * variable - never a silent fall-back to another model.
 */
export function resolveChatProvider(env: LedgerlineEnv): ChatProvider {
  const kind = env.LLM_PROVIDER ?? (env.GOOGLE_API_KEY ? 'gemini' : 'offline');
  if (kind === 'offline') return { kind };
  if (kind === 'gemini') {
    if (!env.GOOGLE_API_KEY) throw new ConfigError([{ variable: 'GOOGLE_API_KEY', message: 'LLM_PROVIDER=gemini needs a Gemini API key' }]);
    return { kind };
  }
  const problems: Array<{ variable: string; message: string }> = [];
  if (!env.LLM_BASE_URL) problems.push({ variable: 'LLM_BASE_URL', message: 'LLM_PROVIDER=openai-compatible needs the server\'s base URL, e.g. http://localhost:11434/v1' });
  if (!env.LLM_MODEL) problems.push({ variable: 'LLM_MODEL', message: 'LLM_PROVIDER=openai-compatible needs the model name the server serves' });
  if (problems.length > 0 || !env.LLM_BASE_URL || !env.LLM_MODEL) throw new ConfigError(problems);
  return { kind, baseUrl: env.LLM_BASE_URL, model: env.LLM_MODEL };
}
