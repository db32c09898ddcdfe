import type { Kpis } from '../api-types.ts';
import { el, money, percent } from '../format.ts';

function card(label: string, value: string, detail: string, id: string): HTMLElement {
  const node = el('div', undefined, 'kpi');
  node.dataset.kpi = id;
  node.append(el('span', label, 'kpi-label'), el('strong', value, 'kpi-value'), el('span', detail, 'kpi-detail'));
  return node;
}

/** Spend, income, net and count for the month, each against the previous month. */
export function renderKpis(container: HTMLElement, kpis: Kpis | null): void {
  container.replaceChildren();
  if (!kpis) {
    container.append(el('p', 'No data yet: run a sync first.', 'muted'));
    return;
  }
  const prev = kpis.previous;
  container.append(
    el('p', `${kpis.month} compared with ${prev.month}`, 'muted kpi-month'),
    card('Spend', money(kpis.spend), `${money(prev.spend)} last month (${percent(kpis.change.spend_pct)})`, 'spend'),
    card('Income', money(kpis.income), `${money(prev.income)} last month (${percent(kpis.change.income_pct)})`, 'income'),
    card('Net', money(kpis.net), `${money(prev.net)} last month`, 'net'),
    card('Transactions', String(kpis.count), `${prev.count} last month`, 'count'),
  );
}
