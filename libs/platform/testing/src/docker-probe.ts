import { connect, type Socket } from 'node:net';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface DockerProbeOptions {
  env?: NodeJS.ProcessEnv;
  /** Whole-probe budget; a runtime that does not answer `/_ping` within it counts as absent. */
  timeoutMs?: number;
  /** Candidate unix sockets when DOCKER_HOST is unset (overridable for tests). */
  socketCandidates?: string[];
}

type Target = { path: string } | { host: string; port: number };

function defaultSockets(env: NodeJS.ProcessEnv): string[] {
  const list = ['/var/run/docker.sock', join(homedir(), '.docker/run/docker.sock')];
  if (env.XDG_RUNTIME_DIR) list.push(join(env.XDG_RUNTIME_DIR, 'docker.sock'), join(env.XDG_RUNTIME_DIR, 'podman/podman.sock'));
  return list;
}

function targetOf(dockerHost: string): Target | undefined {
  if (dockerHost.startsWith('unix://')) return { path: dockerHost.slice('unix://'.length) };
  const tcp = /^tcp:\/\/([^:/]+):(\d+)/.exec(dockerHost);
  if (tcp?.[1] && tcp[2]) return { host: tcp[1], port: Number(tcp[2]) };
  return undefined;
}

function ping(target: Target, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let reply = '';
    const socket: Socket = connect(target, () => socket.write('GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n'));
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk) => {
      reply += chunk.toString('latin1');
      if (/^HTTP\/1\.[01] 200/.test(reply) && reply.includes('\r\n\r\n')) finish(true);
    });
    socket.on('error', () => finish(false));
    socket.on('end', () => finish(/^HTTP\/1\.[01] 200/.test(reply)));
  });
}

/**
 * True when a Docker-compatible runtime answers `GET /_ping`. Fails over fast (default 500 ms in all)
 * so that machines without Docker lose no time; `LEDGERLINE_NO_DOCKER=1` skips the probe entirely.
 */
export async function dockerAnswers(options: DockerProbeOptions = {}): Promise<boolean> {
  const env = options.env ?? process.env;
  if (env.LEDGERLINE_NO_DOCKER === '1') return false;
  const timeoutMs = options.timeoutMs ?? 500;
  if (env.DOCKER_HOST) {
    const target = targetOf(env.DOCKER_HOST);
    return target ? ping(target, timeoutMs) : false;
  }
  // One budget for all candidates, so several dead sockets still fail over within timeoutMs.
  const deadline = Date.now() + timeoutMs;
  const sockets = (options.socketCandidates ?? defaultSockets(env)).filter((path) => existsSync(path));
  for (const path of sockets) {
    const left = deadline - Date.now();
    if (left <= 0) return false;
    if (await ping({ path }, left)) return true;
  }
  return false;
}
