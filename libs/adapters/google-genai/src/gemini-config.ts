import { z } from 'zod';

/** The environment this adapter reads (a subset of LedgerlineEnv). */
export const geminiConfigSchema = z.object({
  GOOGLE_API_KEY: z.string().trim().min(1),
  GEMINI_MODEL: z.string().trim().min(1).default('gemini-2.5-flash'),
  GEMINI_EMBEDDING_MODEL: z.string().trim().min(1).default('text-embedding-004'),
  // A gateway or proxy in front of the Gemini API (and the wire tests' recorded server).
  GEMINI_BASE_URL: z.url().optional(),
});
export type GeminiConfig = z.output<typeof geminiConfigSchema>;

/** The Gemini settings when a key is configured; undefined selects the offline defaults. */
export function geminiConfig(env: { GOOGLE_API_KEY?: string | undefined; GEMINI_MODEL?: string; GEMINI_EMBEDDING_MODEL?: string; GEMINI_BASE_URL?: string | undefined }): GeminiConfig | undefined {
  if (!env.GOOGLE_API_KEY) return undefined;
  return geminiConfigSchema.parse(env);
}
