import { ToolError } from './agent-tool.ts';

/**
 * Rejects with a ToolError when `work` takes longer than `ms`. The work itself is not cancelled
 * (the AnalyticsStore port has no cancellation); the agent just stops waiting and says so.
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ToolError(`${what} did not finish within ${ms} ms and was abandoned`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
