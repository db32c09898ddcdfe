import { ToolError } from './agent-tool.ts';

/**
 * Rejects with a ToolError when `work` takes longer than `ms`. The work itself is not cancelled:
 * the sql tool asks the store to interrupt its statement (ReadOnlySqlOptions.timeoutMs) and uses
 * this only as a backstop for a store that does not (`allowedMs` is the limit the message names,
 * `ms` how long it waits).
 */
export async function withTimeout<T>(work: Promise<T>, ms: number, what: string, allowedMs = ms): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ToolError(`${what} did not finish within ${allowedMs} ms and was abandoned`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
