import { silentLogger, type Logger } from '@ledgerline/logging';
import type { PostgresAdapter } from '../adapter.ts';
import { TriggerLogChangeSource } from './trigger-log-change-source.ts';
import { triggerLogSourceOptionsSchema, type TriggerLogSourceOptions } from './trigger-log-options.ts';

/**
 * Opens a ChangeSource on the trigger change log of the adapter's database (PGlite or
 * PostgreSQL), over the store's own connection(s): on PGlite the one connection every stage
 * shares. Nothing is installed until `open()`.
 */
export function createTriggerLogChangeSource(postgres: Pick<PostgresAdapter, 'store'>, options: TriggerLogSourceOptions & { logger?: Logger } = {}): TriggerLogChangeSource {
  const { logger, ...rest } = options;
  const settings = triggerLogSourceOptionsSchema.parse(rest);
  return new TriggerLogChangeSource(settings, postgres.store.sql, (logger ?? silentLogger).child('trigger-log', { log: `${settings.name}_log` }));
}
