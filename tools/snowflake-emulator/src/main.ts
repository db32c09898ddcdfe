/**
 * Snowflake emulator CLI — a TEST FIXTURE for local and CI tests, never for real data.
 *
 *   tsx tools/snowflake-emulator/src/main.ts --port 0 --db :memory: [--stage-dir DIR] [--user NAME:PASSWORD]...
 *
 * Prints one JSON line `{"url":"http://127.0.0.1:PORT"}` on stdout when ready; logs go to
 * stderr. Stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startSnowflakeEmulator } from './start-emulator.ts';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string', default: ':memory:' },
    'stage-dir': { type: 'string' },
    user: { type: 'string', multiple: true, default: [] },
  },
});

const users = values.user.map((spec) => {
  const colon = spec.indexOf(':');
  return colon === -1 ? { name: spec } : { name: spec.slice(0, colon), password: spec.slice(colon + 1) };
});

const emulator = await startSnowflakeEmulator({
  port: Number(values.port),
  host: values.host,
  dbPath: values.db,
  users,
  ...(values['stage-dir'] ? { stageDir: values['stage-dir'] } : {}),
});
process.stdout.write(`${JSON.stringify({ url: emulator.url })}\n`);

const stop = () => {
  emulator.close().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`snowflake-emulator: close failed: ${String(error)}\n`);
      process.exit(1);
    },
  );
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
