import { createDashboardServer, type DashboardServerOptions } from './dashboard-server.ts';
import { ensureWebBundle, WEB_DIST } from './web-bundle.ts';

export interface StartDashboardOptions extends Omit<DashboardServerOptions, 'staticDir'> {
  /** 0 = a random free port. */
  readonly port: number;
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** The built page; default WEB_DIST, built with Vite first when stale. */
  readonly staticDir?: string;
  /** How the user picks another port (named in the port-in-use error), e.g. "DASHBOARD_PORT or --port". */
  readonly portHint?: string;
  /** Told when the page is being built (it takes a few seconds the first time). */
  readonly onBuild?: (message: string) => void;
}

export interface StartedDashboard {
  /** The base URL, once listening. */
  readonly url: string;
  close(): Promise<void>;
}

/** The port is taken (another dashboard, or a main job already serving one). */
export class DashboardPortInUseError extends Error {
  constructor(
    readonly port: number,
    host: string,
    hint: string | undefined,
    options?: ErrorOptions,
  ) {
    super(`dashboard: ${host}:${port} is already in use (another dashboard or \`npm start\` running?)${hint ? `; choose another port with ${hint} (0 = any free port)` : ''}`, options);
    this.name = 'DashboardPortInUseError';
  }
}

/**
 * The dashboard's start-up sequence, the same in the dashboard app and in the main job: build the
 * page if stale, then listen; a taken port is a DashboardPortInUseError naming the port and how
 * to choose another, not an EADDRINUSE stack.
 */
export async function startDashboard(options: StartDashboardOptions): Promise<StartedDashboard> {
  const { port, host = '127.0.0.1', portHint, onBuild, staticDir, ...serverOptions } = options;
  if (!staticDir) await ensureWebBundle(undefined, onBuild);
  const server = createDashboardServer({ ...serverOptions, staticDir: staticDir ?? WEB_DIST });
  let url: string;
  try {
    url = await server.listen(port, host);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new DashboardPortInUseError(port, host, portHint, { cause: error });
    throw error;
  }
  return { url, close: () => server.close() };
}
