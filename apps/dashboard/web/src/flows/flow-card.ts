import { dateTime, el } from '../format.ts';
import type { FlowOverview, FlowRun } from './flows-types.ts';

function scheduleOf(flow: FlowOverview): string {
  if (flow.schedule) return `cron ${flow.schedule} (UTC)`;
  if (flow.every_seconds) return `every ${flow.every_seconds} s`;
  return 'on request only';
}

function seconds(value: number | null, state: FlowRun['state']): string {
  if (value === null) return '—';
  const text = value < 10 ? `${value.toFixed(1)} s` : value < 120 ? `${Math.round(value)} s` : `${Math.round(value / 60)} min`;
  return state === 'running' ? `${text} so far` : text;
}

function runRow(run: FlowRun): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.dataset.runId = run.id;
  tr.dataset.state = run.state;
  const cells: Array<[string, string?]> = [
    [run.state, `state state-${run.state}`],
    [run.started_at ? dateTime(run.started_at).replace(' UTC', '') : `queued ${dateTime(run.queued_at).slice(11, 19)}`],
    [seconds(run.duration_seconds, run.state), 'num'],
    [String(run.attempts), 'num'],
    [run.rows === null ? '—' : String(run.rows), 'num'],
    [run.interval ? run.interval.start : ''],
    [run.error ?? '', 'error'],
  ];
  for (const [text, className] of cells) tr.appendChild(el('td', text, className));
  tr.title = `run ${run.id}, queued ${dateTime(run.queued_at)}`;
  return tr;
}

/** One flow: name, schedule and policy, "Run now", the outcome of the last click, its newest runs. */
export function flowCard(flow: FlowOverview, onRunNow: (flow: string, card: HTMLElement) => void): HTMLElement {
  const card = el('section', undefined, 'card flow');
  card.dataset.flow = flow.name;
  const title = el('h2', flow.name);
  const button = el('button', 'Run now', 'run-now');
  button.type = 'button';
  button.addEventListener('click', () => onRunNow(flow.name, card));
  title.append(button);
  const retry = flow.retry.limit === 0 ? 'no retry' : `${flow.retry.limit} ${flow.retry.limit === 1 ? 'retry' : 'retries'} after ${flow.retry.delay_seconds} s${flow.retry.backoff ? ', doubling' : ''}`;
  card.append(title, el('p', flow.description, 'small'), el('p', `${scheduleOf(flow)} · ${retry} · timeout ${flow.timeout_seconds} s${flow.backfillable ? ' · backfillable' : ''}`, 'muted small'));
  const message = el('p', '', 'flow-message small');
  message.setAttribute('role', 'status');
  message.hidden = true;
  card.append(message);
  updateRuns(card, flow.runs);
  return card;
}

/** Redraws a card's run table (the card and its message stay: a refresh keeps the last click's answer). */
export function updateRuns(card: HTMLElement, runs: readonly FlowRun[]): void {
  const wrap = el('div', undefined, 'table-wrap runs');
  if (runs.length === 0) {
    wrap.append(el('p', 'No runs yet.', 'muted'));
  } else {
    const table = el('table', undefined, 'data');
    const head = table.createTHead().insertRow();
    for (const header of ['Status', 'Started (UTC)', 'Duration', 'Attempts', 'Rows', 'Day', 'Error']) head.appendChild(el('th', header));
    const body = table.createTBody();
    for (const run of runs) body.appendChild(runRow(run));
    wrap.append(table);
  }
  const old = card.querySelector('.runs');
  if (old) old.replaceWith(wrap);
  else card.append(wrap);
}

export function showMessage(card: HTMLElement, text: string, kind: 'ok' | 'refused'): void {
  const message = card.querySelector<HTMLElement>('.flow-message');
  if (!message) return;
  message.hidden = false;
  message.textContent = text;
  message.dataset.kind = kind;
  message.classList.toggle('error', kind === 'refused');
}
