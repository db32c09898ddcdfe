import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { z } from 'zod';
import { repoRoot } from './repo-root.ts';

export interface ScriptResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs `tools/services/<script>.sh <args>`. Marks the caller as the test harness
 * (LEDGERLINE_SERVICE_OWNER=harness) so that a service it starts is stopped by the run's teardown.
 */
export function runServiceScript(script: string, args: string[], timeoutMs: number): Promise<ScriptResult> {
  const path = join(repoRoot(), 'tools', 'services', `${script}.sh`);
  const env = { ...process.env, LEDGERLINE_SERVICE_OWNER: process.env.LEDGERLINE_SERVICE_OWNER ?? 'harness' };
  return new Promise((resolve, reject) => {
    execFile('bash', [path, ...args], { env, timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) {
        const tail = stderr.trim().split('\n').slice(-15).join('\n');
        reject(new Error(`tools/services/${script}.sh ${args.join(' ')} failed (${error.message.split('\n')[0]})\n${tail}`));
        return;
      }
      resolve({ stdout, stderr });
    });
  });
}

/** The scripts' contract: the last non-empty stdout line is the endpoint as JSON. */
export function parseEndpointLine<T>(stdout: string, schema: z.ZodType<T>, script: string): T {
  const last = stdout.trim().split('\n').filter(Boolean).pop();
  if (!last) throw new Error(`tools/services/${script}.sh printed no endpoint line`);
  let json: unknown;
  try {
    json = JSON.parse(last);
  } catch {
    throw new Error(`tools/services/${script}.sh printed a non-JSON last line: ${last}`);
  }
  return schema.parse(json);
}

/** Starts (or finds) a local service and returns its validated endpoint. */
export async function startLocalService<T>(script: string, schema: z.ZodType<T>, timeoutMs: number): Promise<T> {
  const { stdout } = await runServiceScript(script, ['start'], timeoutMs);
  return parseEndpointLine(stdout, schema, script);
}
