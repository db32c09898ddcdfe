import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Every Nx project (apps/*, libs/*/*) becomes a Vitest project named after its Nx name,
// so `npx vitest run` runs everything and `nx run <project>:test` runs one.

// Projects whose tests disturb shared services (the stream fault tests restart the Kafka
// broker) run in a later group, after every other project, so no other test sees the outage.
const ISOLATED_GROUP: Record<string, number> = { 'stream-sink': 1 };
function nxProjects(): Array<{ name: string; root: string }> {
  const roots = ['apps', 'libs/domain', 'libs/adapters', 'libs/platform'];
  const found: Array<{ name: string; root: string }> = [];
  for (const base of roots) {
    if (!existsSync(base)) continue;
    for (const dir of readdirSync(base)) {
      const projectFile = join(base, dir, 'project.json');
      if (!existsSync(projectFile)) continue;
      const { name } = JSON.parse(readFileSync(projectFile, 'utf8')) as { name: string };
      found.push({ name, root: join(base, dir) });
    }
  }
  return found;
}

export default defineConfig({
  test: {
    globalSetup: ['./libs/platform/testing/src/global-setup.ts'],
    projects: [
      ...nxProjects().map(({ name, root }) => ({
        test: {
          name,
          root,
          include: ['src/**/*.spec.ts'],
          sequence: { groupOrder: ISOLATED_GROUP[name] ?? 0 },
          // Inside an isolated project the files take turns too: one file's broker restart must
          // not cut the connections of another file running beside it (the scale-out spec lost
          // its broker to the fault spec's restart).
          ...(ISOLATED_GROUP[name] !== undefined ? { fileParallelism: false } : {}),
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      })),
      {
        test: {
          name: 'tools',
          root: 'tools',
          sequence: { groupOrder: 0 },
          include: ['**/*.spec.ts'],
          exclude: ['lint-fixtures/**', '**/node_modules/**'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
  },
});
