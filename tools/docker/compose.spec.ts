import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const root = resolve(import.meta.dirname, '../..');
const composePath = resolve(root, 'docker/compose.yml');

// No Docker engine runs here, so the compose file is checked structurally (and by
// `docker compose config` when the compose plugin is installed).
const serviceSchema = z.object({
  image: z.string().optional(),
  build: z.object({ context: z.string(), dockerfile: z.string() }).optional(),
  command: z.array(z.string()).optional(),
  environment: z.record(z.string(), z.unknown()).optional(),
  ports: z.array(z.string()).optional(),
  volumes: z.array(z.string()).optional(),
  healthcheck: z.object({ test: z.array(z.string()) }).optional(),
  depends_on: z.record(z.string(), z.object({ condition: z.string() })).optional(),
});
const composeSchema = z.object({
  services: z.record(z.string(), serviceSchema),
  volumes: z.record(z.string(), z.unknown().nullable()),
});

describe('docker/compose.yml', () => {
  const compose = composeSchema.parse(parse(readFileSync(composePath, 'utf8'), { merge: true }));

  it('pins every image to an explicit version', () => {
    const images = Object.values(compose.services).flatMap((s) => (s.image ? [s.image] : []));
    expect(images.length).toBeGreaterThanOrEqual(3);
    // Trino numbers its releases with one integer (476): that tag is a release, not a moving line.
    const singleNumberReleases = new Set(['trinodb/trino']);
    for (const image of images) {
      const pinned = singleNumberReleases.has(image.split(':')[0] ?? '') ? /^[\w./-]+:\d+$/ : /^[\w./-]+:v?\d+\.\d+(\.\d+)?$/;
      expect(image).toMatch(pinned);
    }
  });

  it('runs Postgres 17.4 with a named volume and a pg_isready healthcheck', () => {
    const pg = compose.services.postgres;
    expect(pg?.image).toBe('postgres:17.4');
    expect(pg?.healthcheck?.test.join(' ')).toContain('pg_isready');
    const volumeName = pg?.volumes?.[0]?.split(':')[0] ?? '';
    expect(Object.keys(compose.volumes)).toContain(volumeName);
  });

  it('declares Kafka in KRaft mode and Chroma', () => {
    expect(compose.services.kafka?.environment?.KAFKA_PROCESS_ROLES).toBe('broker,controller');
    expect(compose.services.chroma?.image).toMatch(/^chromadb\/chroma:/);
  });

  it('builds the apps from the repository Dockerfile and waits for healthy dependencies', () => {
    const apps = Object.entries(compose.services).filter(([, s]) => s.build);
    expect(apps.length).toBeGreaterThanOrEqual(3);
    for (const [, app] of apps) {
      expect(app.build?.dockerfile).toBe('docker/Dockerfile');
      for (const dep of Object.values(app.depends_on ?? {})) expect(dep.condition).toBe('service_healthy');
    }
  });

  const hasComposePlugin = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasComposePlugin)('passes `docker compose config` (needs the compose plugin)', () => {
    execFileSync('docker', ['compose', '-f', composePath, 'config', '--quiet'], { cwd: root });
  });
});
