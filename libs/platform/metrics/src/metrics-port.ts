import { z } from 'zod';

/** `--metrics-port <port>` as every app parses it: 0 turns the endpoint off; absent = the env setting. */
export const metricsPortOption = z.coerce.number().int().min(0).max(65_535).optional();

/** The flag wins over the environment (one env file, several processes on one host). */
export function metricsPort(flag: number | undefined, fromEnv: number): number {
  return flag ?? fromEnv;
}
