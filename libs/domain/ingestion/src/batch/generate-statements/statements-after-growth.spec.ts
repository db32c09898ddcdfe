import { describe, expect, it } from 'vitest';
import type { Transaction } from '@ledgerline/transactions';
import { TransactionStreamCursor, type StreamPlan } from '@ledgerline/transactions/generator';
import { parseStatementCsv } from '../../statements/csv/parse-statement-csv.ts';
import type { StatementPdfRenderer } from '../../statements/pdf/statement-pdf-renderer.port.ts';
import { MemoryFileStore } from '../test-doubles/memory-file-store.test-helper.ts';
import { textPdf } from '../test-doubles/text-pdf.test-helper.ts';
import { generateStatements } from './generate-statements.ts';

const pdf: StatementPdfRenderer = { render: async (statement) => textPdf(statement) };
const monthOf = (tx: Transaction) => tx.occurred_at.slice(0, 7);

/**
 * The main job's stream restarted with more --customers half-way through its second month
 * (resumeStream: growTo at the stored position), then run on past its fourth month.
 */
function grownStream(): { plan: StreamPlan; byId: Map<string, Transaction>; currencyOf: Map<string, string> } {
  const cursor = TransactionStreamCursor.open({ seed: 11, startMonth: '2026-08', baseCurrency: 'EUR', customers: 4, growth: [] }, 0);
  const seen: Transaction[] = [];
  const take = () => {
    const tx = cursor.next().value;
    seen.push(tx);
    return tx;
  };
  while (monthOf(take()) < '2026-09');
  for (let i = 0; i < 40; i++) take();
  cursor.growTo(7);
  while (monthOf(take()) < '2026-12');
  return {
    plan: cursor.currentPlan,
    byId: new Map(seen.filter((t) => monthOf(t) < '2026-12').map((t) => [t.tx_id, t])),
    currencyOf: new Map(cursor.accountRecords().map((a) => [a.account_id, a.currency])),
  };
}

describe('generateStatements of a stream that grew (docs/main-job.md: statements share its tx_ids)', () => {
  it('prints, under each of the stream tx_ids, that transaction of the stream: before and after the growth', async () => {
    const { plan, byId, currencyOf } = grownStream();
    expect(plan.growth).toHaveLength(1);
    const files = new MemoryFileStore();
    await generateStatements(
      { seed: plan.seed, customers: plan.customers, growth: plan.growth, startMonth: plan.startMonth, month: '2026-08', months: 4, formats: ['csv'], outDir: 'out', baseCurrency: 'EUR' },
      { files, pdf },
    );
    const printed = new Map<string, { account: string; amount: string; month: string }>();
    for (const name of files.names('out')) {
      const [, account, month] = /^statement_(.+)_(\d{4}-\d{2})\.csv$/.exec(name) ?? [];
      for (const row of parseStatementCsv(new TextEncoder().encode(files.text(`out/${name}`))).rows) {
        printed.set(row.external_id ?? '', { account: account ?? '', amount: row.amount, month: month ?? '' });
      }
    }
    // Every row is the stream's transaction of that tx_id: same account, month and amount (a
    // payment in another currency is printed converted to the account's, so only its id is compared).
    const contradicted: string[] = [];
    for (const [txId, row] of printed) {
      const tx = byId.get(txId);
      if (!tx || tx.account_id !== row.account || monthOf(tx) !== row.month) contradicted.push(txId);
      else if (tx.currency === currencyOf.get(tx.account_id) && row.amount !== (tx.direction === 'DEBIT' ? `-${tx.amount}` : tx.amount)) contradicted.push(txId);
    }
    expect(contradicted).toEqual([]);
    // And nothing the stream produced in those months is missing, the new customers' included.
    const missing = [...byId.keys()].filter((id) => !printed.has(id));
    expect(missing).toEqual([]);
    expect([...printed.values()].some((r) => r.account.startsWith('A-000007-') && r.month === '2026-11')).toBe(true);
  });
});

