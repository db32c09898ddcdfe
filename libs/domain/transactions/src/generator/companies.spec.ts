import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { companySchema, customerCompanySchema } from '../model/company.ts';
import { generateCustomersAndAccounts, generateDataset } from './generate-dataset.ts';
import { TransactionStreamCursor } from './transaction-stream-cursor.ts';

const OPTIONS = { seed: 42, customers: 40, months: 2, startMonth: '2025-01' };

const digest = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex');

describe('companies and customer-company links (issue #18)', () => {
  const dataset = generateDataset({ ...OPTIONS, customers: 300 });

  it('gives every corporate customer exactly one company, as its account holder, and no personal customer one', () => {
    for (const c of dataset.companies) companySchema.parse(c);
    for (const l of dataset.customerCompanies) customerCompanySchema.parse(l);
    const corporate = dataset.customers.filter((c) => c.kind === 'CORPORATE');
    expect(corporate.length).toBeGreaterThan(10);
    expect(dataset.companies).toHaveLength(corporate.length);
    const holders = dataset.customerCompanies.filter((l) => l.role === 'ACCOUNT_HOLDER');
    expect(holders.map((l) => l.customer_id).sort()).toEqual(corporate.map((c) => c.customer_id).sort());
    expect(new Set(holders.map((l) => l.company_id)).size).toBe(corporate.length);
    const byId = new Map(dataset.customers.map((c) => [c.customer_id, c]));
    for (const company of dataset.companies) {
      const holder = byId.get(holders.find((l) => l.company_id === company.company_id)?.customer_id ?? '');
      expect(holder).toMatchObject({ name: company.name, country: company.country, city: company.city, persona: 'small_business' });
      expect(company.created_at <= (holder?.created_at ?? '')).toBe(true);
    }
    // corporate customers bank through a BUSINESS account
    for (const c of corporate) expect(dataset.accounts.some((a) => a.customer_id === c.customer_id && a.account_type === 'BUSINESS')).toBe(true);
  });

  it('links some companies to an earlier personal customer as signatory, never before either existed', () => {
    const signatories = dataset.customerCompanies.filter((l) => l.role === 'SIGNATORY');
    expect(signatories.length).toBeGreaterThan(0);
    expect(signatories.length).toBeLessThan(dataset.companies.length);
    const byId = new Map(dataset.customers.map((c) => [c.customer_id, c]));
    for (const link of signatories) {
      const person = byId.get(link.customer_id);
      expect(person?.kind).toBe('PERSONAL');
      expect(person!.customer_id < `C-${link.company_id.slice(3)}`).toBe(true);
      expect(link.linked_at >= person!.created_at).toBe(true);
    }
    const ids = dataset.customerCompanies.map((l) => l.relationship_id);
    expect(new Set(ids).size).toBe(ids.length);
    const registrations = dataset.companies.map((c) => c.registration_number);
    expect(new Set(registrations).size).toBe(registrations.length);
  });

  it('is deterministic from the seed, and another seed gives other companies', () => {
    const again = generateDataset({ ...OPTIONS, customers: 300 });
    expect(again.companies).toEqual(dataset.companies);
    expect(again.customerCompanies).toEqual(dataset.customerCompanies);
    const other = generateCustomersAndAccounts({ ...OPTIONS, seed: 43, customers: 300 });
    expect(other.companies.map((c) => c.registration_number)).not.toEqual(dataset.companies.map((c) => c.registration_number));
  });

  it('left every customer, account and transaction of a seed as it was before companies existed', () => {
    // sha256 of this output, computed on the generator before companies were added (commit 0944bac):
    // companies draw from streams of their own, so a stored data dir's history is unchanged.
    const before = generateDataset(OPTIONS);
    const { customers, accounts, transactions, openingBalances } = before;
    expect(digest({ customers, accounts, transactions, openingBalances })).toBe('894f777c27b33750d7ae133b22d58d2d07c9b71135f3f21554045f01ffb6fb65');
  });

  it('a growing population keeps its earlier companies and links exactly', () => {
    const small = generateCustomersAndAccounts({ ...OPTIONS, customers: 150 });
    const large = generateCustomersAndAccounts({ ...OPTIONS, customers: 300 });
    expect(large.companies.slice(0, small.companies.length)).toEqual(small.companies);
    expect(large.customerCompanies.slice(0, small.customerCompanies.length)).toEqual(small.customerCompanies);
  });

  it('a resumed stream plan stored before companies existed (no new fields) yields the same companies as the dataset', () => {
    const plan = { seed: OPTIONS.seed, startMonth: OPTIONS.startMonth, baseCurrency: 'EUR', customers: 300, growth: [] };
    const fresh = TransactionStreamCursor.open(plan, 0);
    const resumed = TransactionStreamCursor.open(plan, 2_000);
    expect(resumed.companyRecords()).toEqual(fresh.companyRecords());
    expect(resumed.companyRecords().companies).toEqual(dataset.companies);
  });
});
