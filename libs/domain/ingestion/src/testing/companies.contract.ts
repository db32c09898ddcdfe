import { expect, it } from 'vitest';
import type { TransactionStore } from '../ports/transaction-store.port.ts';
import { expectStoreConstraintError } from './offsets-and-atomicity.contract.ts';
import { companyFixture, customerCompanyFixture, customerFixture } from './store-fixtures.ts';

/** Companies and customer-company links (issue #18), inside the TransactionStore contract. */
export function companiesCases(store: () => TransactionStore): void {
  it('upserts companies and customer-company links idempotently, and counts a real change once', async () => {
    const holder = customerFixture(21, { kind: 'CORPORATE', persona: 'small_business' });
    const signatory = customerFixture(22);
    await store().upsertCustomers([holder, signatory]);
    const companies = [companyFixture(1), companyFixture(2)];
    const links = [
      customerCompanyFixture(1, holder.customer_id, companies[0]!.company_id),
      customerCompanyFixture(2, signatory.customer_id, companies[0]!.company_id, { role: 'SIGNATORY' }),
      customerCompanyFixture(3, signatory.customer_id, companies[1]!.company_id, { role: 'SIGNATORY' }),
    ];
    expect(await store().upsertCompanies(companies)).toEqual({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await store().upsertCustomerCompanies(links)).toEqual({ inserted: 3, updated: 0, unchanged: 0 });
    expect(await store().upsertCompanies(companies)).toEqual({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await store().upsertCustomerCompanies(links)).toEqual({ inserted: 0, updated: 0, unchanged: 3 });
    const renamed = { ...companies[1]!, name: 'Atelier 2 SAS', updated_at: '2025-11-02T00:00:00.000Z' };
    expect(await store().upsertCompanies([companies[0]!, renamed])).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
  });

  it('refuses a link whose customer or company is unknown, naming the link', async () => {
    const holder = customerFixture(23);
    await store().upsertCustomers([holder]);
    await store().upsertCompanies([companyFixture(3)]);
    const noCompany = customerCompanyFixture(4, holder.customer_id, 'co-missing');
    const error = await expectStoreConstraintError(store().upsertCustomerCompanies([noCompany]));
    expect(error).toMatchObject({ table: 'customer_companies', kind: 'foreign_key', keyColumn: 'relationship_id', rowKey: noCompany.relationship_id });
    const noCustomer = customerCompanyFixture(5, 'cus-missing', companyFixture(3).company_id);
    expect(await expectStoreConstraintError(store().upsertCustomerCompanies([noCustomer]))).toMatchObject({ kind: 'foreign_key', rowKey: noCustomer.relationship_id });
  });
}
