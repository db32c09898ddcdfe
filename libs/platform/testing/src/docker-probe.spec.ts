import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dockerAnswers } from './docker-probe.ts';

// Fake Docker daemons on unix sockets: one that answers /_ping, one that accepts and stays silent.
const dirs: string[] = [];
const servers: Server[] = [];
const sockets: Socket[] = [];

async function fakeDaemon(reply: string | undefined): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'probe-'));
  dirs.push(dir);
  const path = join(dir, 'docker.sock');
  const server = createServer((socket) => {
    sockets.push(socket);
    socket.on('data', () => {
      if (reply !== undefined) socket.end(reply);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return path;
}

afterEach(async () => {
  for (const s of sockets.splice(0)) s.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const OK = 'HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nOK';

describe('dockerAnswers', () => {
  it('is true when DOCKER_HOST answers /_ping', async () => {
    const path = await fakeDaemon(OK);
    await expect(dockerAnswers({ env: { DOCKER_HOST: `unix://${path}` } })).resolves.toBe(true);
  });

  it('finds a default socket when DOCKER_HOST is unset', async () => {
    const path = await fakeDaemon(OK);
    await expect(dockerAnswers({ env: {}, socketCandidates: ['/nonexistent/docker.sock', path] })).resolves.toBe(true);
  });

  it('is false when nothing listens', async () => {
    await expect(dockerAnswers({ env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } })).resolves.toBe(false);
    await expect(dockerAnswers({ env: {}, socketCandidates: ['/nonexistent/docker.sock'] })).resolves.toBe(false);
  });

  it('gives up on a socket that never answers instead of hanging', async () => {
    const path = await fakeDaemon(undefined);
    await expect(dockerAnswers({ env: { DOCKER_HOST: `unix://${path}` }, timeoutMs: 100 })).resolves.toBe(false);
  });

  it('is false for an endpoint that answers with an error', async () => {
    const path = await fakeDaemon('HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n');
    await expect(dockerAnswers({ env: { DOCKER_HOST: `unix://${path}` } })).resolves.toBe(false);
  });

  it('skips the probe entirely with LEDGERLINE_NO_DOCKER=1', async () => {
    const path = await fakeDaemon(OK);
    await expect(dockerAnswers({ env: { DOCKER_HOST: `unix://${path}`, LEDGERLINE_NO_DOCKER: '1' } })).resolves.toBe(false);
  });
});
