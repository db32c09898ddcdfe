import { z } from 'zod';
import { currencyCodeSchema } from './transaction.ts';
import { nonNegativeMoneySchema } from './money.ts';

export const CUSTOMER_KINDS = ['PERSONAL', 'CORPORATE'] as const;
export const PERSONAS = ['student', 'young_professional', 'family', 'retiree', 'high_earner', 'small_business'] as const;
export const ACCOUNT_TYPES = ['CHECKING', 'SAVINGS', 'CREDIT_CARD', 'BUSINESS'] as const;
export const ACCOUNT_STATUSES = ['ACTIVE', 'FROZEN', 'CLOSED'] as const;

const isoTimestamp = z.iso.datetime({ offset: true });

export const customerSchema = z.object({
  customer_id: z.string().min(1).max(40),
  kind: z.enum(CUSTOMER_KINDS),
  persona: z.enum(PERSONAS),
  name: z.string().min(1).max(200),
  email: z.string().max(200).nullable(),
  city: z.string().max(100).nullable(),
  state: z.string().max(100).nullable(),
  country: z.string().regex(/^[A-Z]{2}$/),
  created_at: isoTimestamp,
  updated_at: isoTimestamp,
});

export const accountSchema = z.object({
  account_id: z.string().min(1).max(40),
  customer_id: z.string().min(1).max(40),
  account_type: z.enum(ACCOUNT_TYPES),
  currency: currencyCodeSchema,
  /** Current balance; the banking seed's rule: never negative. */
  balance: nonNegativeMoneySchema,
  status: z.enum(ACCOUNT_STATUSES),
  opened_at: isoTimestamp,
  updated_at: isoTimestamp,
});

export type Customer = z.infer<typeof customerSchema>;
export type Account = z.infer<typeof accountSchema>;
export type CustomerKind = (typeof CUSTOMER_KINDS)[number];
export type Persona = (typeof PERSONAS)[number];
export type AccountType = (typeof ACCOUNT_TYPES)[number];
