import { SEED_ASSETS } from '@ledgerline/market-data';
import { afterEach, describe, expect, it } from 'vitest';
import { RequestBudget } from '../http/request-budget.ts';
import { SourceHttpClient } from '../http/source-http-client.ts';
import { fixture } from '../testing/fixtures.ts';
import { ReplayServer } from '../testing/replay-server.ts';
import { RssNewsSource } from './rss-news-source.ts';

let server: ReplayServer;
afterEach(async () => server.stop());

const range = { from: '2026-01-01T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' };
function source(paths: string[]) {
  const http = new SourceHttpClient({ source: 'news', budget: new RequestBudget('news', 10), sleep: async () => {} });
  return new RssNewsSource({ feedUrls: paths.map((p) => `${server.baseUrl}${p}`), http, assets: SEED_ASSETS });
}
const xml = { 'content-type': 'application/rss+xml' };

describe('RssNewsSource (RSS 2.0 and Atom, replayed)', () => {
  it('decodes RSS items with the assets they mention and quarantines the undated and untitled ones', async () => {
    server = await new ReplayServer().route('/rss', { status: 200, headers: xml, body: fixture('news-rss.xml') }).start();
    const { items, quarantined } = await source(['/rss']).fetchNews(range);
    expect(items).toEqual([
      {
        source: 'news',
        articleId: 'cw-1001',
        publishedAt: '2026-01-02T09:15:00.000Z',
        title: 'Bitcoin tops $64,000 as ETF inflows return',
        summary: 'Bitcoin (BTC) climbed while Ethereum lagged.',
        url: 'https://news.example.invalid/articles/btc-64k',
        symbols: ['BTC', 'ETH'],
      },
      expect.objectContaining({ articleId: 'cw-1002', title: 'Solana network upgrade ships & $SOL rallies', publishedAt: '2026-01-02T11:30:00.000Z', symbols: ['SOL'] }),
    ]);
    expect(quarantined.map((q) => [q.field, q.reason])).toEqual([
      ['rss.channel.item[2].pubDate', 'not a date: sometime yesterday'],
      ['rss.channel.item[3].title', expect.any(String)],
    ]);
  });

  it('decodes Atom entries (alternate link, offset dates to UTC)', async () => {
    server = await new ReplayServer().route('/atom', { status: 200, body: fixture('news-atom.xml') }).start();
    const { items } = await source(['/atom']).fetchNews(range);
    expect(items).toEqual([
      {
        source: 'news',
        articleId: 'urn:uuid:1225c695-cfb8-4ebb-aaaa-80da344efa6a',
        publishedAt: '2026-01-02T07:00:00.000Z',
        title: 'Cardano (ADA) and Polkadot developers meet',
        summary: 'A joint roadmap was announced.',
        url: 'https://digest.example.invalid/ada-dot',
        symbols: ['ADA', 'DOT'],
      },
    ]);
  });

  it('quarantines a feed that is not RSS or Atom and goes on with the next feed', async () => {
    server = await new ReplayServer()
      .route('/broken', { status: 200, body: '{"items":[]}' })
      .route('/atom', { status: 200, body: fixture('news-atom.xml') })
      .start();
    const { items, quarantined } = await source(['/broken', '/atom']).fetchNews(range);
    expect(items).toHaveLength(1);
    expect(quarantined).toEqual([expect.objectContaining({ source: 'news', field: '(response)', endpoint: `${server.baseUrl}/broken` })]);
  });

  it('keeps only items inside the requested range', async () => {
    server = await new ReplayServer().route('/rss', { status: 200, body: fixture('news-rss.xml') }).start();
    const { items } = await source(['/rss']).fetchNews({ from: '2026-01-02T10:00:00.000Z', to: '2026-01-02T12:00:00.000Z' });
    expect(items.map((i) => i.articleId)).toEqual(['cw-1002']);
  });
});
