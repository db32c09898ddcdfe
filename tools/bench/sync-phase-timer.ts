/**
 * Where a sync's time goes, for the warehouse-sync benchmark: wraps the async methods of the sync's
 * ports and adds up wall time per method (a method that calls another is counted in both).
 */
export class PhaseTimer {
  private readonly totals = new Map<string, { ms: number; calls: number }>();

  /** The same object, with `methods` timed under `${prefix}.${method}`. */
  wrap<T extends object>(prefix: string, target: T, methods: readonly string[]): T {
    return new Proxy(target, {
      get: (object, property, receiver) => {
        const value: unknown = Reflect.get(object, property, receiver);
        if (typeof property !== 'string' || !methods.includes(property) || typeof value !== 'function') return value;
        return (...args: unknown[]) => this.time(`${prefix}.${property}`, () => (value as (...a: unknown[]) => Promise<unknown>).apply(object, args));
      },
    });
  }

  async time<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      const total = this.totals.get(name) ?? { ms: 0, calls: 0 };
      total.ms += performance.now() - started;
      total.calls += 1;
      this.totals.set(name, total);
    }
  }

  reset(): void {
    this.totals.clear();
  }

  /** e.g. `warehouse.ensureSchema 3.1 ms (1x), feed.horizon 0.4 ms (1x)`, divided by `runs`. */
  summary(runs = 1): string {
    return [...this.totals]
      .map(([name, { ms, calls }]) => `${name} ${(ms / runs).toFixed(1)} ms (${calls / runs}x)`)
      .join(', ');
  }
}
