import type { Filters } from './api-client.ts';
import type { FilterOptions } from './api-types.ts';
import { byId, el } from './format.ts';

const FIELDS = ['customer', 'account', 'from', 'to', 'category'] as const;

function fill(select: HTMLSelectElement, options: ReadonlyArray<{ value: string; label: string }>): void {
  const first = select.options[0];
  select.replaceChildren(...(first ? [first] : []), ...options.map(({ value, label }) => Object.assign(el('option', label), { value })));
}

/**
 * The filter bar: customer, account (narrowed to the customer), date range and category. Each
 * change calls `onChange` with the new filters; the values also live in the URL's query
 * string, so a reload or a shared link shows the same view.
 */
export class FilterBar {
  private readonly form = byId<HTMLFormElement>('filters');
  private readonly account = byId<HTMLSelectElement>('f-account');

  constructor(
    private readonly options: FilterOptions,
    onChange: (filters: Filters) => void,
  ) {
    fill(byId<HTMLSelectElement>('f-customer'), options.customers.map((c) => ({ value: c.customer_id, label: `${c.name} (${c.customer_id})` })));
    fill(byId<HTMLSelectElement>('f-category'), options.categories.map((c) => ({ value: c, label: c })));
    for (const id of ['f-from', 'f-to']) {
      const input = byId<HTMLInputElement>(id);
      if (options.first_day) input.min = options.first_day;
      if (options.last_day) input.max = options.last_day;
    }
    this.fillAccounts('');
    const fromUrl = new URLSearchParams(window.location.search);
    for (const name of FIELDS) {
      const value = fromUrl.get(name);
      if (value) this.field(name).value = value;
      if (name === 'customer' && value) this.fillAccounts(value, fromUrl.get('account') ?? '');
    }
    this.form.addEventListener('change', (event) => {
      if ((event.target as HTMLElement).id === 'f-customer') this.fillAccounts(this.field('customer').value);
      onChange(this.values());
    });
    this.form.addEventListener('reset', () => {
      // After the browser has cleared the fields.
      setTimeout(() => {
        this.fillAccounts('');
        onChange(this.values());
      });
    });
  }

  private field(name: (typeof FIELDS)[number]): HTMLInputElement | HTMLSelectElement {
    return this.form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
  }

  private fillAccounts(customer: string, selected = ''): void {
    const accounts = this.options.accounts.filter((a) => !customer || a.customer_id === customer);
    fill(this.account, accounts.map((a) => ({ value: a.account_id, label: `${a.account_id} · ${a.account_type} ${a.currency}` })));
    this.account.value = accounts.some((a) => a.account_id === selected) ? selected : '';
  }

  values(): Filters {
    const filters: Filters = {};
    for (const name of FIELDS) {
      const value = this.field(name).value;
      if (value) filters[name] = value;
    }
    const url = new URL(window.location.href);
    url.search = new URLSearchParams(filters as Record<string, string>).toString();
    window.history.replaceState(null, '', url);
    return filters;
  }
}
