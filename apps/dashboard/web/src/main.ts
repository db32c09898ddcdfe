import { ApiError, getJson, type Filters } from './api-client.ts';
import type { AnomalyRow, BalanceRow, CashflowRow, CategorySeries, FilterOptions, Health, Kpis, MerchantRow, RecurringRow } from './api-types.ts';
import { resizeAll } from './charts.ts';
import { FilterBar } from './filter-bar.ts';
import { byId, dateTime, el } from './format.ts';
import { drawBalance, drawCashflow, drawCategorySeries, drawMerchants } from './views/chart-views.ts';
import { setUpChat } from './views/chat-panel.ts';
import { renderHealth } from './views/health-panel.ts';
import { renderKpis } from './views/kpi-cards.ts';
import { anomaliesTable, recurringTable } from './views/table-views.ts';
import './styles.css';

const banner = byId('banner');
const chartIds = ['chart-categories', 'chart-merchants', 'chart-cashflow', 'chart-balance'];
let generation = 0;

function showBanner(message: string | undefined): void {
  banner.hidden = message === undefined;
  banner.textContent = message ?? '';
}

/** Loads one view; a failure shows in the view's card (and bad filters in the banner). */
async function view<T>(target: HTMLElement, load: () => Promise<{ data: T; as_of: { last_sync_at: string | null } }>, render: (data: T) => void): Promise<void> {
  target.classList.remove('failed');
  try {
    const { data, as_of } = await load();
    byId('as-of').textContent = `Data as of the last analytics sync: ${dateTime(as_of.last_sync_at)}`;
    render(data);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof ApiError && error.status === 400) showBanner(message);
    target.classList.add('failed');
    target.replaceChildren(el('p', message, 'error'));
  }
}

/** The account the balance chart shows: the filtered one, else the picker's choice. */
function setUpBalancePicker(options: FilterOptions, filters: Filters): HTMLSelectElement {
  const picker = byId<HTMLSelectElement>('balance-account');
  const accounts = options.accounts.filter((a) => !filters.customer || a.customer_id === filters.customer);
  const keep = filters.account ?? (accounts.some((a) => a.account_id === picker.value) ? picker.value : accounts[0]?.account_id);
  picker.replaceChildren(...accounts.map((a) => Object.assign(el('option', `${a.account_id} · ${a.account_type} ${a.currency}`), { value: a.account_id })));
  if (keep) picker.value = keep;
  return picker;
}

async function loadBalance(filters: Filters): Promise<void> {
  const account = byId<HTMLSelectElement>('balance-account').value;
  const target = byId('chart-balance');
  if (!account) {
    target.replaceChildren(el('p', 'No account to show.', 'muted'));
    return;
  }
  const { customer: _customer, category: _category, ...range } = filters;
  await view(target, () => getJson<BalanceRow[]>('balance', { ...range, account }), (rows) => drawBalance(target, rows));
}

async function refresh(options: FilterOptions, filters: Filters): Promise<void> {
  const mine = ++generation;
  document.body.dataset.state = 'loading';
  showBanner(undefined);
  setUpBalancePicker(options, filters);
  const merchants = byId('chart-merchants');
  const categories = byId('chart-categories');
  const cashflow = byId('chart-cashflow');
  await Promise.all([
    view(byId('kpis'), () => getJson<Kpis | null>('kpis', filters), (data) => renderKpis(byId('kpis'), data)),
    view(categories, () => getJson<CategorySeries>('spend-by-category', filters, { grain: 'month' }), (data) => drawCategorySeries(categories, data)),
    view(merchants, () => getJson<MerchantRow[]>('top-merchants', filters, { limit: '10' }), (rows) => drawMerchants(merchants, rows)),
    view(cashflow, () => getJson<CashflowRow[]>('cashflow', filters), (rows) => drawCashflow(cashflow, rows)),
    loadBalance(filters),
    view(byId('recurring'), () => getJson<RecurringRow[]>('recurring', filters, { limit: '15' }), (rows) => byId('recurring').replaceChildren(recurringTable(rows))),
    view(byId('anomalies'), () => getJson<AnomalyRow[]>('anomalies', filters, { limit: '15' }), (rows) => byId('anomalies').replaceChildren(anomaliesTable(rows))),
    view(byId('health'), () => getJson<Health>('health'), (data) => renderHealth(byId('health'), data)),
  ]);
  // Only the latest refresh may say "ready" (an older one can finish after a newer started).
  if (mine === generation) {
    document.body.dataset.state = 'ready';
    document.body.dataset.loads = String(mine);
  }
}

async function start(): Promise<void> {
  setUpChat();
  let options: FilterOptions;
  try {
    options = (await getJson<FilterOptions>('filters')).data;
  } catch (error) {
    showBanner(`The dashboard cannot load its data: ${error instanceof Error ? error.message : String(error)}`);
    document.body.dataset.state = 'failed';
    return;
  }
  const bar = new FilterBar(options, (filters) => void refresh(options, filters));
  byId<HTMLSelectElement>('balance-account').addEventListener('change', () => void loadBalance(bar.values()));
  window.addEventListener('resize', () => resizeAll(chartIds.map((id) => byId(id))));
  await refresh(options, bar.values());
}

void start();
