import { z } from 'zod';

/**
 * Companies and the customers linked to them (issue #18). A corporate customer (persona
 * `small_business`, with a BUSINESS account) is the bank relationship of one company; personal
 * customers may act for a company as signatories. The link is its own row, keyed by
 * `relationship_id`, so a customer can be linked to several companies and a company to several
 * customers (a Data Vault link in the warehouse: link_customer_company).
 */
export const COMPANY_ROLES = ['ACCOUNT_HOLDER', 'SIGNATORY'] as const;
export const INDUSTRIES = [
  'Retail',
  'Hospitality',
  'Construction',
  'Professional services',
  'Software',
  'Manufacturing',
  'Transport',
  'Health',
  'Agriculture',
  'Media',
] as const;

const isoTimestamp = z.iso.datetime({ offset: true });

export const companySchema = z.object({
  company_id: z.string().min(1).max(40),
  name: z.string().min(1).max(200),
  /** The company register's number (synthetic: `<country>-<8 digits>`), unique per company. */
  registration_number: z.string().min(1).max(40),
  industry: z.enum(INDUSTRIES),
  city: z.string().max(100).nullable(),
  country: z.string().regex(/^[A-Z]{2}$/),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
});

export const customerCompanySchema = z.object({
  relationship_id: z.string().min(1).max(40),
  customer_id: z.string().min(1).max(40),
  company_id: z.string().min(1).max(40),
  role: z.enum(COMPANY_ROLES),
  /** When the customer started to act for the company. */
  linked_at: isoTimestamp,
  updated_at: isoTimestamp,
});

export type Company = z.infer<typeof companySchema>;
export type CustomerCompany = z.infer<typeof customerCompanySchema>;
export type CompanyRole = (typeof COMPANY_ROLES)[number];
