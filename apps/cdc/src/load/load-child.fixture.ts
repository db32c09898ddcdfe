// Test fixture: the loader's real wiring (startLoadService) in a child process, announcing each
// load transaction just before COMMIT and pausing there, so a fault test can SIGKILL it mid-load.
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '@ledgerline/config';
import { createLogger } from '@ledgerline/logging';
import { startLoadService } from './load-service.ts';

const env = loadConfig({ dotenvPath: false });
const pauseMs = Number(process.env.FAULT_PAUSE_BEFORE_COMMIT_MS ?? '0');
const logger = createLogger({ level: 'info', format: 'json' });
await startLoadService({ ...env, CDC_LOAD_SECRET: env.CDC_LOAD_SECRET ?? 'fixture-secret-0123456789' }, logger, {
  beforeCommit: async (key) => {
    process.stdout.write(`in-transaction ${key}\n`);
    await sleep(pauseMs);
  },
});
process.stdout.write('loader started\n');
