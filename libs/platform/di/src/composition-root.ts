import { Container } from 'inversify';
import type { Token } from './token.ts';

type Factory<T> = (resolve: Resolver) => T;
export type Resolver = <T>(token: Token<T>) => T;

/**
 * Composition-root helper over inversify. Bindings are factories (no decorators), because the
 * dev runner (tsx/esbuild) emits no decorator metadata. Every binding is a singleton: ports
 * are long-lived clients (pools, producers) owned by the process.
 */
export class CompositionRoot {
  private readonly container = new Container({ defaultScope: 'Singleton' });
  private readonly disposers: Array<{ name: string; dispose: () => Promise<void> | void }> = [];
  private readonly described = new Map<string, string>();

  bind<T>(token: Token<T>, factory: Factory<T>, describe?: string): this {
    if (this.container.isBound(token)) void this.container.unbind(token);
    this.container.bind<T>(token).toDynamicValue(() => factory(this.resolve));
    if (describe) this.described.set(token.description ?? String(token), describe);
    return this;
  }

  value<T>(token: Token<T>, value: T, describe?: string): this {
    return this.bind(token, () => value, describe);
  }

  readonly resolve: Resolver = <T>(token: Token<T>): T => this.container.get<T>(token);

  has(token: Token<unknown>): boolean {
    return this.container.isBound(token);
  }

  /** Registers cleanup, run in reverse order by dispose() (last opened, first closed). */
  onDispose(name: string, dispose: () => Promise<void> | void): void {
    this.disposers.push({ name, dispose });
  }

  /** What each described binding uses, for startup banners. */
  describeBindings(): Array<{ port: string; adapter: string }> {
    return [...this.described].map(([port, adapter]) => ({ port: port.replace(/^ledgerline:/, ''), adapter }));
  }

  async dispose(): Promise<void> {
    const errors: unknown[] = [];
    for (const { dispose } of this.disposers.reverse()) {
      try {
        await dispose();
      } catch (error) {
        errors.push(error);
      }
    }
    this.disposers.length = 0;
    if (errors.length > 0) throw new AggregateError(errors, 'dispose failed');
  }
}
