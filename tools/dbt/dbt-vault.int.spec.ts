import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDuckDb } from '@ledgerline/duckdb';
import { syntheticTradeMarket } from '@ledgerline/market-data';
import { generateDataset } from '@ledgerline/transactions/generator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { datasetRecords, masterRecord, transactionRecord, type RawRecord } from './raw-records.ts';
import { createRawTables, upsertAllRawRecords } from './raw-writer.ts';
import { runDbt, type DbtWorkspace } from './run-dbt.ts';
import { seedMarketRaw } from './seed-market-raw.ts';

// The customer/company/transaction Data Vault (issue #18, docs/data-vault.md) on DuckDB, over RAW
// written as the warehouse sync writes it from a generated dataset with trades and companies:
// hub counts equal the distinct business keys, every hash key equals an md5 computed here with
// node:crypto, a rerun adds no row, and a second "sync" with an identical redelivery, a
// whitespace-only change and three real changes adds exactly one satellite row per real change.

const MODELS = ['build', '--select', '+path:models/vault', '+dim_company', '+path:models/semantic', '--indirect-selection', 'cautious'];
const VAULT = [
  'hub_customer',
  'hub_company',
  'hub_transaction',
  'link_customer_transaction',
  'link_company_transaction',
  'link_customer_company',
  'link_transaction_asset',
  'sat_customer_profile',
  'sat_company_details',
  'sat_customer_company_role',
  'sat_personal_transaction_details',
  'sat_corporate_transaction_details',
] as const;
const FIRST_SYNC = '2025-03-01T00:00:00.000Z';
const SECOND_SYNC = '2025-03-02T00:00:00.000Z';

const md5 = (text: string) => createHash('md5').update(text, 'utf8').digest('hex');
/** The normalisation the docs state: each key trimmed and upper-cased, joined by '||'. */
const hashKey = (...keys: string[]) => md5(keys.map((k) => k.trim().toUpperCase()).join('||'));

async function rows<T = Record<string, unknown>>(path: string, sql: string): Promise<T[]> {
  return withDuckDb(path, async (db) => (await db.runAndReadAll(sql)).getRowObjectsJS() as T[]);
}
async function vaultCounts(path: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of VAULT) counts[table] = Number((await rows<{ n: bigint }>(path, `select count(*) as n from vault.${table}`))[0]?.n);
  return counts;
}

describe('customer, company and transaction Data Vault on DuckDB', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dbt-vault-'));
  const workspace: DbtWorkspace = { warehousePath: join(dir, 'warehouse.duckdb'), targetPath: join(dir, 'target'), logPath: join(dir, 'logs') };
  const dataset = generateDataset({ seed: 11, customers: 80, months: 2, startMonth: '2025-01', market: syntheticTradeMarket('ledgerline') });
  const first = datasetRecords(dataset);
  let built: Record<string, number>;

  beforeAll(async () => {
    await withDuckDb(workspace.warehousePath, async (db) => {
      await createRawTables(db);
      await upsertAllRawRecords(db, first.records, FIRST_SYNC);
    });
    // hub_asset (the market vault) is the asset side of link_transaction_asset
    await seedMarketRaw({ db: workspace.warehousePath, symbols: 'BTC,AAPL', from: '2024-12-20', to: '2025-01-01', intradayDays: 0 });
    const build = await runDbt(MODELS, workspace);
    expect(build.failures).toEqual([]);
    built = await vaultCounts(workspace.warehousePath);
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has the generated companies, links and trades to work on', () => {
    expect(dataset.companies.length).toBeGreaterThan(3);
    expect(dataset.customerCompanies.some((l) => l.role === 'SIGNATORY')).toBe(true);
    expect(dataset.transactions.filter((t) => t.txn_type === 'TRADE').length).toBeGreaterThan(5);
  });

  it('hub row counts equal the distinct business keys, and every hub and link hash key equals md5 computed here', async () => {
    const path = workspace.warehousePath;
    const customerIds = new Set([...dataset.customers.map((c) => c.customer_id), ...dataset.customerCompanies.map((l) => l.customer_id)]);
    const companyIds = new Set([...dataset.companies.map((c) => c.company_id), ...dataset.customerCompanies.map((l) => l.company_id)]);
    expect(built.hub_customer).toBe(customerIds.size);
    expect(built.hub_company).toBe(companyIds.size);
    expect(built.hub_transaction).toBe(new Set(dataset.transactions.map((t) => t.tx_id)).size);

    const customers = await rows<{ customer_hk: string; customer_id: string }>(path, 'select customer_hk, customer_id from vault.hub_customer');
    expect(new Set(customers.map((r) => r.customer_id))).toEqual(new Set([...customerIds].map((id) => id.toUpperCase())));
    for (const r of customers) expect(r.customer_hk).toBe(hashKey(r.customer_id));
    const transactions = await rows<{ transaction_hk: string; tx_id: string }>(path, 'select transaction_hk, tx_id from vault.hub_transaction');
    for (const r of transactions) expect(r.transaction_hk).toBe(hashKey(r.tx_id));

    // Links: expected from the dataset itself, keys hashed here.
    const accountOwner = new Map(dataset.accounts.map((a) => [a.account_id, a.customer_id]));
    const kind = new Map(dataset.customers.map((c) => [c.customer_id, c.kind]));
    const holderOf = new Map(dataset.customerCompanies.filter((l) => l.role === 'ACCOUNT_HOLDER').map((l) => [l.customer_id, l.company_id]));
    const expectLink = async (table: string, key: string, parents: [string, string], pairs: Array<[string, string]>) => {
      const stored = await rows<Record<string, string>>(path, `select ${key}, ${parents[0]}, ${parents[1]} from vault.${table}`);
      const expected = pairs.map(([a, b]) => ({ [key]: hashKey(a, b), [parents[0]]: hashKey(a), [parents[1]]: hashKey(b) }));
      const order = (list: Array<Record<string, string>>) => [...list].sort((x, y) => (x[key] ?? '').localeCompare(y[key] ?? ''));
      expect(order(stored), table).toEqual(order(expected));
    };
    const owned = dataset.transactions.filter((t) => accountOwner.has(t.account_id));
    await expectLink('link_customer_transaction', 'customer_transaction_hk', ['customer_hk', 'transaction_hk'], owned.map((t) => [accountOwner.get(t.account_id)!, t.tx_id]));
    const corporate = owned.filter((t) => kind.get(accountOwner.get(t.account_id)!) === 'CORPORATE');
    expect(corporate.length).toBeGreaterThan(0);
    await expectLink('link_company_transaction', 'company_transaction_hk', ['company_hk', 'transaction_hk'], corporate.map((t) => [holderOf.get(accountOwner.get(t.account_id)!)!, t.tx_id]));
    await expectLink('link_customer_company', 'customer_company_hk', ['customer_hk', 'company_hk'], dataset.customerCompanies.map((l) => [l.customer_id, l.company_id]));
    const trades = dataset.transactions.filter((t) => t.txn_type === 'TRADE');
    await expectLink('link_transaction_asset', 'transaction_asset_hk', ['transaction_hk', 'asset_hk'], trades.map((t) => [t.tx_id, t.asset_symbol!]));
    // the asset side is the market vault's hub_asset key (md5 of the ticker)
    const orphans = await rows(path, 'select l.asset_hk from vault.link_transaction_asset l left join vault.hub_asset h on h.asset_hk = l.asset_hk where h.asset_hk is null');
    expect(orphans).toEqual([]);

    // every transaction's details are in exactly one of the two satellites, by its customer's kind
    expect(built.sat_personal_transaction_details! + built.sat_corporate_transaction_details!).toBe(owned.length);
    expect(built.sat_corporate_transaction_details).toBe(corporate.length);
  });

  it('a rerun adds 0 vault rows; a second sync adds one satellite row per real change and none for a redelivery or a whitespace-only change', async () => {
    const path = workspace.warehousePath;
    await runDbt(MODELS, workspace);
    expect(await vaultCounts(path)).toEqual(built);

    const company = dataset.companies[0]!;
    const otherCompany = dataset.companies[1]!;
    const customer = dataset.customers.find((c) => c.kind === 'PERSONAL')!;
    const accountOwner = new Map(dataset.accounts.map((a) => [a.account_id, a.customer_id]));
    const personalTx = dataset.transactions.find((t) => accountOwner.get(t.account_id) === customer.customer_id && t.status === 'POSTED')!;
    const later = <Row extends { updated_at: string }>(row: Row): Row => ({ ...row, updated_at: '2025-03-01T12:00:00.000Z' });
    const second: Record<string, RawRecord[]> = {
      // identical redelivery (a re-sync stamps a new _synced_at) and a whitespace-only rename: no vault change
      companies: [masterRecord(company, 900_001n), masterRecord(later({ ...otherCompany, name: `  ${otherCompany.name}  ` }), 900_002n)],
      // real changes: a customer's email, since when a link holds, a transaction's status
      customers: [masterRecord(later({ ...customer, email: 'moved@example.test' }), 900_003n)],
      customer_companies: [masterRecord(later({ ...dataset.customerCompanies[0]!, linked_at: '2025-02-01T00:00:00.000Z' }), 900_004n)],
      transactions: [transactionRecord({ ...personalTx, status: 'REVERSED' }, 900_005n, '2025-03-01T12:00:00.000Z')],
    };
    await withDuckDb(path, (db) => upsertAllRawRecords(db, { accounts: [], transactions: [], customers: [], ...second }, SECOND_SYNC));
    const rebuilt = await runDbt(MODELS, workspace);
    expect(rebuilt.failures).toEqual([]);
    expect(await vaultCounts(path)).toEqual({
      ...built,
      sat_customer_profile: built.sat_customer_profile! + 1,
      sat_customer_company_role: built.sat_customer_company_role! + 1,
      sat_personal_transaction_details: built.sat_personal_transaction_details! + 1,
    });
    const versions = await rows<{ status: string; load_date: string }>(
      path,
      `select status, strftime(load_date at time zone 'UTC', '%Y-%m-%dT%H:%M:%S.000Z') as load_date from vault.sat_personal_transaction_details
        where transaction_hk = '${hashKey(personalTx.tx_id)}' order by load_date`,
    );
    expect(versions).toEqual([
      { status: 'POSTED', load_date: FIRST_SYNC },
      { status: 'REVERSED', load_date: SECOND_SYNC },
    ]);
    // the mart reads the vault: the whitespace-only rename kept the first version's name
    const names = await rows<{ company_name: string }>(path, `select company_name from marts.dim_company where company_id = '${otherCompany.company_id}'`);
    expect(names).toEqual([{ company_name: otherCompany.name }]);

    await runDbt(MODELS, workspace);
    expect((await vaultCounts(path)).sat_customer_profile).toBe(built.sat_customer_profile! + 1);
  }, 900_000); // three dbt builds

  it('the semantic layer answers in business terms over the marts', async () => {
    const path = workspace.warehousePath;
    const companies = await rows<Record<string, unknown>>(path, 'select * from semantic.companies order by company_id');
    expect(companies.length).toBe(dataset.companies.length);
    expect(Object.keys(companies[0]!)).toEqual(['company_id', 'company_name', 'industry', 'city', 'country', 'founded_date', 'account_holder', 'signatories']);
    const trades = await rows<{ side: string; n: bigint }>(path, 'select side, count(*) as n from semantic.trades group by side order by side');
    const expected = dataset.transactions.filter((t) => t.txn_type === 'TRADE');
    expect(trades.map((t) => [t.side, Number(t.n)])).toEqual(
      [
        ['Buy', expected.filter((t) => t.direction === 'DEBIT').length],
        ['Sell', expected.filter((t) => t.direction === 'CREDIT').length],
      ].filter(([, n]) => n !== 0),
    );
    const corporate = await rows<{ n: bigint }>(path, "select count(*) as n from semantic.customers where customer_type = 'Corporate' and company is not null");
    expect(Number(corporate[0]?.n)).toBe(dataset.customers.filter((c) => c.kind === 'CORPORATE').length);
  });
});
