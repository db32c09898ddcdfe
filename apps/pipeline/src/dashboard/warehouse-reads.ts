import { AnalyticsUnavailableError } from '@ledgerline/analytics';
import type { QuiesceGate } from '../stages/quiesce-gate.ts';

export interface WarehouseReadsOptions {
  /** Keep the lock this long after the last read, so one page load's requests share one opening. */
  readonly lingerMs?: number;
  /** Wait this long for a running sync or dbt build before answering "busy" (a 503 in the page). */
  readonly waitMs?: number;
}

/**
 * A reader of the warehouse file (the analytics store, the market reads) as the dashboard hosted in
 * the main job uses it. The warehouse file is
 * written by the sync cycle in this process and by dbt, another process that needs the DuckDB file
 * to itself; so reads run under the warehouse lock the sync cycle holds (dbt build included), and
 * the store lets go of the file before the lock is released. Reads arriving together share one
 * hold of the lock (and one opening of the file); a sync waits at most lingerMs after the last.
 */
export function warehouseReads<T extends { close(): Promise<void> }>(store: T, lock: QuiesceGate, options: WarehouseReadsOptions = {}): T {
  const lingerMs = options.lingerMs ?? 200;
  const waitMs = options.waitMs ?? 45_000;
  let held: Promise<() => void> | undefined;
  let inFlight = 0;
  let linger: NodeJS.Timeout | undefined;

  const take = async (): Promise<() => void> => {
    const acquiring = lock.acquire();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), waitMs)));
    const release = await Promise.race([acquiring, timedOut]);
    clearTimeout(timer);
    if (release) return release;
    // Given up: the lock still comes to us in turn, and goes straight on.
    void acquiring.then((late) => late());
    throw new AnalyticsUnavailableError(`the warehouse is busy (a sync or dbt build has held it for ${Math.round(waitMs / 1000)}s); try again shortly`);
  };

  const letGo = async (): Promise<void> => {
    const holding = held;
    held = undefined;
    if (!holding) return;
    const release = await holding.catch(() => undefined);
    if (!release) return;
    try {
      await store.close();
    } finally {
      release();
    }
  };

  const read = async <T>(call: () => Promise<T>): Promise<T> => {
    inFlight += 1;
    if (linger) clearTimeout(linger);
    linger = undefined;
    try {
      if (!held) {
        const taking = take();
        held = taking;
        taking.catch(() => {
          if (held === taking) held = undefined;
        });
      }
      await held;
      return await call();
    } finally {
      inFlight -= 1;
      if (inFlight === 0) {
        linger = setTimeout(() => {
          linger = undefined;
          if (inFlight === 0) void letGo();
        }, lingerMs);
      }
    }
  };

  return new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      if (property === 'close') {
        return async () => {
          if (linger) clearTimeout(linger);
          linger = undefined;
          await letGo();
          await target.close();
        };
      }
      return (...args: unknown[]) => read(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args));
    },
  });
}
