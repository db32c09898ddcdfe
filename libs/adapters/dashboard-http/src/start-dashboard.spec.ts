import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AnalyticsStore } from '@ledgerline/analytics';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unknownPipelineHealth } from './pipeline-health.port.ts';
import { DashboardPortInUseError, startDashboard } from './start-dashboard.ts';

// The store is never asked: these cases are about listening, not answering.
const store = {} as AnalyticsStore;
const health = unknownPipelineHealth('not needed here');

describe('startDashboard', () => {
  const squatter = createServer();
  let busyPort = 0;
  beforeAll(async () => {
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve));
    busyPort = (squatter.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => squatter.close(() => resolve())));

  it('refuses a taken port with the port and how to choose another', async () => {
    const attempt = startDashboard({ store, health, port: busyPort, staticDir: '/nonexistent', portHint: 'DASHBOARD_PORT or --dashboard-port' });
    await expect(attempt).rejects.toBeInstanceOf(DashboardPortInUseError);
    await expect(attempt).rejects.toThrow(`dashboard: 127.0.0.1:${busyPort} is already in use (another dashboard or \`npm start\` running?); choose another port with DASHBOARD_PORT or --dashboard-port (0 = any free port)`);
  });

  it('listens on a free port and gives its URL', async () => {
    const dashboard = await startDashboard({ store, health, port: 0, staticDir: '/nonexistent' });
    try {
      expect(dashboard.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${dashboard.url}/nothing-here`);
      expect(response.status).toBe(404);
    } finally {
      await dashboard.close();
    }
  });
});
