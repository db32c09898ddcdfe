import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { currencyCodeSchema } from '@ledgerline/transactions';
import { TEXT_ENCODINGS } from './byte-decoder.ts';

export const CSV_DELIMITERS = [',', ';', '\t', '|'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export const SIGN_CONVENTIONS = ['negative-is-out', 'positive-is-out'] as const;
export type SignConvention = (typeof SIGN_CONVENTIONS)[number];

/** A column by header text (case and accents ignored) or by 1-based position. */
const columnSchema = z.union([z.string().min(1), z.number().int().positive()]);

const columnsSchema = z
  .object({
    date: columnSchema,
    time: columnSchema.optional(),
    description: z.union([columnSchema, z.array(columnSchema).min(1)]).optional(),
    amount: columnSchema.optional(),
    debit: columnSchema.optional(),
    credit: columnSchema.optional(),
    direction: columnSchema.optional(),
    currency: columnSchema.optional(),
    balance: columnSchema.optional(),
    id: columnSchema.optional(),
    category: columnSchema.optional(),
  })
  .strict()
  .refine((c) => (c.amount !== undefined) !== (c.debit !== undefined && c.credit !== undefined), {
    message: 'columns need either amount, or both debit and credit (not both styles)',
  })
  .refine((c) => c.amount !== undefined || (c.debit !== undefined) === (c.credit !== undefined), {
    message: 'debit and credit columns go together',
  });

/**
 * A mapping profile overrides detection for one bank's export. Every field is optional: a profile
 * holding only `dateFormat` settles a day/month ambiguity and leaves the rest to detection.
 */
export const mappingProfileSchema = z
  .object({
    name: z.string().min(1).optional(),
    delimiter: z
      .enum([...CSV_DELIMITERS, 'tab'])
      .transform((d): CsvDelimiter => (d === 'tab' ? '\t' : d))
      .optional(),
    encoding: z.enum(TEXT_ENCODINGS).optional(),
    /** 1-based physical line of the header; 0 = the file has no header (columns must be numbers). */
    headerRow: z.number().int().min(0).optional(),
    /** With `headerRow: 0`: first physical line holding data (default 1). */
    dataStartRow: z.number().int().min(1).optional(),
    columns: columnsSchema.optional(),
    /** Tokens YYYY, YY, MMM, MM, M, DD, D — e.g. `DD/MM/YYYY`. */
    dateFormat: z
      .string()
      .regex(/(YY)/, 'dateFormat needs a year token (YYYY or YY)')
      .regex(/M/, 'dateFormat needs a month token (MM, M or MMM)')
      .regex(/D/, 'dateFormat needs a day token (DD or D)')
      .optional(),
    decimalSeparator: z.enum(['.', ',']).optional(),
    signConvention: z.enum(SIGN_CONVENTIONS).optional(),
    /** Currency of rows that state none (else the caller's account currency applies). */
    currency: currencyCodeSchema.optional(),
    /** The account this bank's exports belong to (batch ingestion; `--account` overrides it). */
    account: z.string().min(1).max(40).optional(),
  })
  .strict()
  .refine((p) => p.headerRow !== 0 || p.columns === undefined || columnsAreNumbers(p.columns), {
    message: 'without a header row (headerRow: 0) columns must be given by number',
  })
  .refine((p) => p.headerRow !== 0 || p.columns !== undefined, { message: 'headerRow: 0 needs explicit columns' });

export type MappingProfile = z.output<typeof mappingProfileSchema>;
export type MappingProfileInput = z.input<typeof mappingProfileSchema>;

/** Validates a profile given as an object, or as JSON/YAML text. Throws a readable error. */
export function parseMappingProfile(input: unknown): MappingProfile {
  const value = typeof input === 'string' ? parseYaml(input) : input;
  const result = mappingProfileSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join('.') || '(profile)'}: ${i.message}`).join('; ');
    throw new Error(`invalid mapping profile: ${issues}`);
  }
  return result.data;
}

function columnsAreNumbers(columns: Record<string, unknown>): boolean {
  return Object.values(columns).every((v) => v === undefined || typeof v === 'number' || (Array.isArray(v) && v.every((x) => typeof x === 'number')));
}
