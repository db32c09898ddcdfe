import { describe, expect, it } from 'vitest';
import { CompositionRoot, token } from './index.ts';

interface Clock {
  now(): number;
}
const CLOCK = token<Clock>('Clock');
const GREETER = token<{ greet(): string }>('Greeter');

describe('CompositionRoot', () => {
  it('resolves factory bindings with their dependencies as singletons', () => {
    let built = 0;
    const root = new CompositionRoot()
      .value(CLOCK, { now: () => 42 }, 'fixed clock')
      .bind(GREETER, (resolve) => {
        built += 1;
        const clock = resolve(CLOCK);
        return { greet: () => `hello at ${clock.now()}` };
      });
    expect(root.resolve(GREETER).greet()).toBe('hello at 42');
    expect(root.resolve(GREETER)).toBe(root.resolve(GREETER));
    expect(built).toBe(1);
    expect(root.describeBindings()).toEqual([{ port: 'Clock', adapter: 'fixed clock' }]);
  });

  it('rebinding replaces the earlier binding (adapter selection by config)', () => {
    const root = new CompositionRoot().value(CLOCK, { now: () => 1 }).value(CLOCK, { now: () => 2 });
    expect(root.resolve(CLOCK).now()).toBe(2);
  });

  it('disposes in reverse order and reports every failure', async () => {
    const order: string[] = [];
    const root = new CompositionRoot();
    root.onDispose('a', () => void order.push('a'));
    root.onDispose('b', () => {
      order.push('b');
      throw new Error('b broke');
    });
    await expect(root.dispose()).rejects.toThrow('dispose failed');
    expect(order).toEqual(['b', 'a']);
  });

  it('fails clearly for an unbound token', () => {
    expect(() => new CompositionRoot().resolve(CLOCK)).toThrow();
  });
});
