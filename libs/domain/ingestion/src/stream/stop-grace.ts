/**
 * Waits for `work`; once `signal` fires, waits at most `graceMs` more. 'abandoned' means the work
 * is still pending (it may yet complete; nobody waits for it).
 */
export async function withStopGrace(work: Promise<unknown>, signal: AbortSignal, graceMs: number): Promise<'done' | 'abandoned'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const grace = new Promise<'abandoned'>((resolve) => {
    onAbort = () => {
      timer = setTimeout(() => resolve('abandoned'), graceMs);
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work.then(() => 'done' as const), grace]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal.removeEventListener('abort', onAbort);
  }
}
