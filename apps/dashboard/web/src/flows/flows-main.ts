import { ApiError } from '../api-client.ts';
import { byId, dateTime } from '../format.ts';
import { flowCard, showMessage, updateRuns } from './flow-card.ts';
import type { FlowOverview, FlowsEnvelope, RunQueued } from './flows-types.ts';
import '../styles.css';

/** Runs change state within seconds: the page re-reads the history this often. */
const REFRESH_MS = 3_000;
const RUNS_SHOWN = 10;
const banner = byId('banner');
const container = byId('flows');

async function call<T>(path: string, init?: RequestInit): Promise<{ status: number; body: FlowsEnvelope<T> }> {
  const response = await fetch(path, { ...init, headers: { accept: 'application/json', ...(init?.body ? { 'content-type': 'application/json' } : {}) } });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = body && typeof body === 'object' && 'error' in body && typeof body.error === 'string' ? body.error : `HTTP ${response.status}`;
    throw new ApiError(response.status, message);
  }
  return { status: response.status, body: body as FlowsEnvelope<T> };
}

function showBanner(message: string | undefined): void {
  banner.hidden = message === undefined;
  banner.textContent = message ?? '';
}

async function refresh(): Promise<void> {
  try {
    const { body } = await call<FlowOverview[]>(`/api/flows?limit=${RUNS_SHOWN}`);
    for (const flow of body.data) {
      const card = container.querySelector<HTMLElement>(`section.flow[data-flow="${CSS.escape(flow.name)}"]`);
      if (card) updateRuns(card, flow.runs);
      else container.append(flowCard(flow, runNow));
    }
    byId('as-of').textContent = `History as of ${dateTime(body.as_of.now)}; refreshed every ${REFRESH_MS / 1000} s`;
    showBanner(undefined);
    document.body.dataset.state = 'ready';
  } catch (error) {
    showBanner(error instanceof Error ? error.message : String(error));
    document.body.dataset.state = 'error';
  }
}

/** "Run now": the server's answer (queued, queued behind the running run, or refused because one waits) stays in the card. */
function runNow(flow: string, card: HTMLElement): void {
  const button = card.querySelector<HTMLButtonElement>('button.run-now');
  if (button) button.disabled = true;
  call<RunQueued>('/api/flows/run', { method: 'POST', body: JSON.stringify({ flow }) })
    .then(({ body }) => showMessage(card, body.data.message, 'ok'))
    .catch((error: unknown) => showMessage(card, error instanceof Error ? error.message : String(error), 'refused'))
    .finally(() => {
      if (button) button.disabled = false;
      void refresh();
    });
}

void refresh();
setInterval(() => void refresh(), REFRESH_MS);
