import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// Every Nx project (apps/*, libs/*/*) becomes a Vitest project named after its Nx name,
// so `npx vitest run` runs everything and `nx run <project>:test` runs one.

// Specs that restart a shared local service (the Kafka broker) are named *.broker-restart.int.spec.ts.
// They form one extra project per Nx project, `<name>:broker-restart`, run in a later group after
// every other spec, one file at a time, so no other test sees the outage. Only those files wait:
// the rest of the stream specs run beside everything else (the whole stream-sink project used to
// wait, about 110 s alone at the end of CI; and the harness's own restart spec had run beside other
// Kafka specs).
const BROKER_RESTART_SPEC = '.broker-restart.int.spec.ts';
function hasBrokerRestartSpecs(dir: string): boolean {
  if (!existsSync(dir)) return false;
  return readdirSync(dir, { withFileTypes: true }).some((entry) =>
    entry.isDirectory() ? hasBrokerRestartSpecs(join(dir, entry.name)) : entry.name.endsWith(BROKER_RESTART_SPEC),
  );
}
function nxProjects(): Array<{ name: string; root: string }> {
  const roots = ['apps', 'libs/domain', 'libs/adapters', 'libs/platform', 'libs/wiring'];
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

// One group each (groups run one after the other; projects in one group would run side by side).
let brokerRestartGroup = 0;

export default defineConfig({
  test: {
    globalSetup: ['./libs/platform/testing/src/global-setup.ts'],
    projects: [
      ...nxProjects().flatMap(({ name, root }) => [
        {
          test: {
            name,
            root,
            include: ['src/**/*.spec.ts'],
            exclude: [`src/**/*${BROKER_RESTART_SPEC}`],
            sequence: { groupOrder: 0 },
            testTimeout: 60_000,
            hookTimeout: 180_000,
          },
        },
        ...(hasBrokerRestartSpecs(join(root, 'src'))
          ? [
              {
                test: {
                  name: `${name}:broker-restart`,
                  root,
                  include: [`src/**/*${BROKER_RESTART_SPEC}`],
                  sequence: { groupOrder: ++brokerRestartGroup },
                  fileParallelism: false,
                  testTimeout: 60_000,
                  hookTimeout: 180_000,
                },
              },
            ]
          : []),
      ]),
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
