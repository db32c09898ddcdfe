import { generateMersenne53Randomizer } from '@faker-js/faker';
import { INDUSTRIES, type Company, type CustomerCompany } from '../model/company.ts';
import type { Customer } from '../model/customer.ts';
import { Rng } from './random.ts';

/** Mixed into the seed of each company's random stream (see companiesOf). */
const COMPANY_STREAM_SALT = 0xc0_3a_11;
/** Share of companies that also have a personal customer as authorised signatory. */
const SIGNATORY_SHARE = 0.35;
const DAY_MS = 86_400_000;

export interface CompanyRecords {
  companies: Company[];
  customerCompanies: CustomerCompany[];
}

function padId(index: number): string {
  return String(index).padStart(6, '0');
}

function indexOf(customer: Customer): number {
  return Number(customer.customer_id.slice(2));
}

/**
 * The companies of a population and who acts for them, derived from the customers alone.
 *
 * Every corporate customer is the bank relationship (`ACCOUNT_HOLDER`) of one company with the
 * customer's name, city and country; some companies also have a personal customer of a lower
 * index as `SIGNATORY`. Nothing here draws from the simulation's random sequence: each company
 * has a stream of its own seeded by (seed, customer index). So adding companies changed no
 * customer, account or transaction of any seed, a stored stream plan from before resumes to the
 * same history (docs/main-job.md), and a population that grows keeps its earlier companies as
 * they were (a signatory is always an earlier customer).
 */
export function companiesOf(seed: number, customers: readonly Customer[]): CompanyRecords {
  const companies: Company[] = [];
  const customerCompanies: CustomerCompany[] = [];
  const personal: Customer[] = [];
  for (const customer of customers) {
    if (customer.kind === 'PERSONAL') {
      personal.push(customer);
      continue;
    }
    const index = indexOf(customer);
    const rng = new Rng(generateMersenne53Randomizer((seed ^ COMPANY_STREAM_SALT) + index * 7919));
    const companyId = `CO-${padId(index)}`;
    const createdMs = Date.parse(customer.created_at);
    // The company existed before it opened its account: founded 0-15 years earlier.
    const foundedMs = createdMs - rng.int(0, 15 * 365) * DAY_MS;
    const company: Company = {
      company_id: companyId,
      name: customer.name,
      registration_number: `${customer.country}-${String(rng.int(10_000_000, 99_999_999))}`,
      industry: rng.pick(INDUSTRIES),
      city: customer.city,
      country: customer.country,
      created_at: new Date(foundedMs).toISOString(),
      updated_at: customer.created_at,
    };
    companies.push(company);
    customerCompanies.push({
      relationship_id: `CC-${padId(index)}-1`,
      customer_id: customer.customer_id,
      company_id: companyId,
      role: 'ACCOUNT_HOLDER',
      linked_at: customer.created_at,
      updated_at: customer.created_at,
    });
    if (personal.length > 0 && rng.chance(SIGNATORY_SHARE)) {
      const signatory = rng.pick(personal);
      const linkedAt = new Date(Math.max(createdMs, Date.parse(signatory.created_at))).toISOString();
      customerCompanies.push({
        relationship_id: `CC-${padId(index)}-2`,
        customer_id: signatory.customer_id,
        company_id: companyId,
        role: 'SIGNATORY',
        linked_at: linkedAt,
        updated_at: linkedAt,
      });
    }
  }
  return { companies, customerCompanies };
}
