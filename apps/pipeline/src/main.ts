import { ConfigError, loadConfig } from '@ledgerline/config';
import { planAdapters } from './adapter-plan.ts';

// The all-in-one main job. Stages are wired in as they land (see README "Status").
function main(): number {
  let env;
  try {
    env = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  process.stdout.write('Ledgerline pipeline — adapters for this configuration:\n');
  for (const choice of planAdapters(env)) {
    process.stdout.write(`  ${choice.port.padEnd(18)} ${choice.adapter}${choice.embedded ? '  [embedded]' : ''}\n`);
  }
  return 0;
}

process.exitCode = main();
