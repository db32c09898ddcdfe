import { parseArgs } from 'node:util';
import { z } from 'zod';

export const USAGE = `Usage: dashboard [--port N] [--no-agent]

  --port N     listen on N (default DASHBOARD_PORT, 4300; 0 = a random free port)
  --no-agent   leave the chat panel out
  --help       this text`;

export interface DashboardArgs {
  help: boolean;
  port?: number;
  agent: boolean;
}

const portSchema = z.coerce.number().int().min(0).max(65_535);

/** The dashboard's command line (the serve target forwards its arguments here). */
export function parseCliArgs(argv: readonly string[]): DashboardArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: { port: { type: 'string' }, 'no-agent': { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h', default: false } },
    strict: true,
    allowPositionals: false,
  });
  const port = values.port === undefined ? undefined : portSchema.safeParse(values.port);
  if (port && !port.success) throw new Error(`--port: expected 0..65535, got ${values.port}`);
  return { help: values.help === true, agent: values['no-agent'] !== true, ...(port ? { port: port.data } : {}) };
}
