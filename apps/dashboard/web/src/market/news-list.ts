import { dateTime, el } from '../format.ts';
import type { NewsItem } from './market-types.ts';

/** The articles on the chart, newest first: time, headline (linked when it has a URL), assets. */
export function renderNews(target: HTMLElement, items: readonly NewsItem[]): void {
  if (items.length === 0) {
    target.replaceChildren(el('p', 'No news about this asset in the range shown.', 'muted'));
    return;
  }
  const list = el('ul', undefined, 'news-list');
  for (const item of items) {
    const entry = el('li');
    entry.dataset.article = item.article_id;
    const title = item.url ? Object.assign(el('a', item.title), { href: item.url, rel: 'noreferrer noopener', target: '_blank' }) : el('span', item.title);
    entry.append(el('span', dateTime(item.published_at), 'muted small'), el('br'), title, el('span', ` · ${item.symbols.join(', ')}`, 'muted small'));
    list.append(entry);
  }
  target.replaceChildren(list);
}
