/**
 * A typed DI token: a unique symbol that remembers the type it resolves to.
 * Domain libraries declare their port tokens with it without importing inversify.
 */
export type Token<T> = symbol & { readonly __type?: T };

export function token<T>(description: string): Token<T> {
  return Symbol.for(`ledgerline:${description}`) as Token<T>;
}
