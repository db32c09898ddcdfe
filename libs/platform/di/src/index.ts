export { token, type Token } from './token.ts';
export { CompositionRoot, type Resolver } from './composition-root.ts';
