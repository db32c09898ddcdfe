import type { AnalyticsStore } from '@ledgerline/analytics';

/**
 * An AnalyticsStore whose methods are given per test; any other method rejects, so a test
 * notices when the agent calls something it did not expect. `calls` logs every call.
 */
export function stubAnalyticsStore(methods: Partial<AnalyticsStore>): AnalyticsStore & { calls: Array<{ method: string; args: unknown[] }> } {
  const calls: Array<{ method: string; args: unknown[] }> = [];
  const store = new Proxy(
    {},
    {
      get(_target, property) {
        if (property === 'calls') return calls;
        if (property === 'then') return undefined; // not a thenable
        const name = String(property);
        const given = (methods as Record<string, unknown>)[name];
        return (...args: unknown[]) => {
          calls.push({ method: name, args });
          if (typeof given === 'function') return (given as (...a: unknown[]) => unknown)(...args);
          if (name === 'close') return Promise.resolve();
          return Promise.reject(new Error(`stub analytics store: ${name} was not expected`));
        };
      },
    },
  );
  return store as AnalyticsStore & { calls: Array<{ method: string; args: unknown[] }> };
}
