import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Every Nx project (apps/*, libs/*/*) becomes a Vitest project named after its Nx name,
// so `npx vitest run` runs everything and `nx run <project>:test` runs one.
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
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      })),
      {
        test: {
          name: 'tools',
          root: 'tools',
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
