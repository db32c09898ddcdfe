import { z } from 'zod';
import { companySchema, customerCompanySchema } from './company.ts';
import { accountSchema, customerSchema } from './customer.ts';
import { moneySchema, nonNegativeMoneySchema, positiveMoneySchema } from './money.ts';
import { exactDecimalSchema } from './trade.ts';
import { transactionSchema, type Transaction } from './transaction.ts';

/**
 * What a column holds, in the RAW contract's terms (docs/conventions.md): each store maps these to
 * its own SQL types (money -> numeric/decimal(15,2), decimal -> numeric/decimal(28,8) for a trade's
 * quantity and unit price, timestamp -> timestamptz).
 */
export type RowColumnKind = 'string' | 'money' | 'decimal' | 'timestamp' | 'boolean';

/** One field of a domain schema as a table column. */
export interface RowColumn<Name extends string = string> {
  readonly name: Name;
  readonly kind: RowColumnKind;
  readonly nullable: boolean;
  /** The schema's `.max()` for free text; undefined when a pattern or an enum bounds it instead. */
  readonly maxLength: number | undefined;
}

const MONEY_SCHEMAS: ReadonlySet<z.ZodType> = new Set([moneySchema, positiveMoneySchema, nonNegativeMoneySchema]);

/**
 * The columns of a flat domain schema, in field order. This is how every store's column list is
 * derived from the one zod schema (architecture §3) instead of restated: a field the schema gains
 * reaches the sync tables, the upsert, the row mapper and the analytics source by itself, and the
 * row-schema drift spec (tools/contracts) names every hand-written list that did not follow.
 * A field type with no column kind yet is an error here, so adding one is a decision, not a guess.
 */
export function rowColumnsOf<S extends z.ZodObject>(schema: S): RowColumn<keyof z.infer<S> & string>[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const nullable = field instanceof z.ZodNullable;
    const inner = (nullable ? field.unwrap() : field) as z.ZodType;
    return { name: name as keyof z.infer<S> & string, kind: kindOf(name, inner), nullable, maxLength: inner instanceof z.ZodString ? (inner.maxLength ?? undefined) : undefined };
  });
}

function kindOf(name: string, field: z.ZodType): RowColumnKind {
  if (MONEY_SCHEMAS.has(field)) return 'money';
  if (field === exactDecimalSchema) return 'decimal';
  if (field instanceof z.ZodISODateTime) return 'timestamp';
  if (field instanceof z.ZodBoolean) return 'boolean';
  if (field instanceof z.ZodString || field instanceof z.ZodEnum) return 'string';
  throw new TypeError(`field ${name}: no column kind for a ${field.def.type} schema; extend rowColumnsOf`);
}

export const TRANSACTION_ROW_COLUMNS = rowColumnsOf(transactionSchema);
export const CUSTOMER_ROW_COLUMNS = rowColumnsOf(customerSchema);
export const ACCOUNT_ROW_COLUMNS = rowColumnsOf(accountSchema);
export const COMPANY_ROW_COLUMNS = rowColumnsOf(companySchema);
export const CUSTOMER_COMPANY_ROW_COLUMNS = rowColumnsOf(customerCompanySchema);

/** The transaction's field names in schema order: the canonical column list of every store. */
export const TRANSACTION_FIELDS: readonly (keyof Transaction)[] = TRANSACTION_ROW_COLUMNS.map((c) => c.name);
