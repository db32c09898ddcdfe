import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseStructuredStatement, StatementParseError, type ParsedStatementFile } from '@ledgerline/ingestion';
import { IconvTextCodec } from '../encoding/iconv-text-codec.ts';
import { createStatementFormatReaders } from './statement-format-readers.ts';

// Files nobody here wrote: the OFX test files of ofxparse 0.21 (MIT, vendored with its LICENSE),
// exported by real banks and brokers (ANZ, Suncorp, Fidelity, Vanguard, TIAA-CREF...). For each,
// reference.json holds what ofxparse itself reads from it (tools/eval/statements/ofxparse-reference.py):
// an independent implementation to agree with, entry by entry, or to refuse precisely where it
// reads something we do not import.
const DIR = fileURLToPath(new URL('./__third_party__/ofxparse-0.21/', import.meta.url));
const transactionSchema = z.object({ id: z.string().nullable(), date: z.string().nullable(), amount: z.string(), payee: z.string().nullable(), memo: z.string().nullable(), checknum: z.string().nullable() });
const accountSchema = z.object({
  kind: z.string().nullable(),
  account_id: z.string().optional(),
  currency: z.string().nullable().optional(),
  balance: z.string().nullable().optional(),
  transactions: z.array(transactionSchema).optional(),
});
const referenceSchema = z.record(
  z.string(),
  z.union([
    z.object({ ofxparse: z.literal('read'), signon_code: z.number().nullable(), accounts: z.array(accountSchema) }),
    z.object({ ofxparse: z.literal('refused'), reason: z.string() }),
  ]),
);
const reference = referenceSchema.parse(JSON.parse(readFileSync(join(DIR, 'reference.json'), 'utf8')));
const readers = createStatementFormatReaders();
const codec = new IconvTextCodec();

type Outcome = { statement: ParsedStatementFile } | { refused: { line: number; reason: string } };
function read(file: string): Outcome {
  try {
    return { statement: parseStructuredStatement(new Uint8Array(readFileSync(join(DIR, file))), 'ofx', readers, { file, codec }).statement };
  } catch (error) {
    if (error instanceof StatementParseError) return { refused: { line: error.line, reason: error.reason } };
    throw error;
  }
}

/** A decimal string without its trailing zeros and sign of zero: ofxparse keeps the file's digits ("-5.5"), we keep cents. */
const decimal = (value: string): string => value.replace(/^\+/, '').replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '').replace(/^-0$/, '0');

// Where ofxparse gives up and we read the file, and why that is right.
const READ_WHERE_OFXPARSE_REFUSES: Record<string, string> = {
  // <BALAMT> </BALAMT>: the bank states no balance; there is nothing to check the entries against.
  'fail_nice/empty_balance.ofx': 'no closing balance',
  // Empty leaves (<CURDEF></CURDEF>, <FITID></FITID>) crash ofxparse; an empty leaf is "not stated".
  'ofx-v102-empty-tags.ofx': 'no currency, no entry id',
};

describe('OFX files of ofxparse’s test suite, read as ofxparse reads them', () => {
  for (const [file, theirs] of Object.entries(reference)) {
    const ours = read(file);
    if (theirs.ofxparse === 'refused') {
      it(`${file}: refused by ofxparse (${theirs.reason}); ours refuses with a line or reads it for a stated reason`, () => {
        if ('refused' in ours) expect(ours.refused.line).toBeGreaterThan(0);
        else expect(READ_WHERE_OFXPARSE_REFUSES[file], `${file} read, but not listed`).toBeDefined();
      });
      continue;
    }
    const statements = theirs.accounts.filter((a) => a.kind === 'Statement');
    const investments = theirs.accounts.filter((a) => a.kind === 'InvestmentStatement');
    if (statements.length === 1 && investments.length === 0) {
      const [account] = statements as [z.infer<typeof accountSchema>];
      it(`${file}: the same account, currency, balance and entries as ofxparse`, () => {
        if (!('statement' in ours)) throw new Error(`${file} refused: ${ours.refused.reason}`);
        const { statement } = ours;
        expect(statement.account).toBe(account.account_id);
        if (account.currency) expect(statement.currency).toBe(account.currency);
        if (account.balance) expect(decimal(statement.closing_balance?.amount ?? '')).toBe(decimal(account.balance));
        const entries = statement.entries.map((e) => ({
          id: e.external_id ?? null,
          date: e.date,
          amount: decimal(`${e.direction === 'DEBIT' ? '-' : ''}${e.amount}`),
          payee: e.payee ?? null,
          memo: e.memo ?? null,
          checknum: e.reference ?? null,
        }));
        expect(entries).toEqual((account.transactions ?? []).map((t) => ({ ...t, amount: decimal(t.amount) })));
      });
      continue;
    }
    it(`${file}: refused with a reason that names what the file holds`, () => {
      expect('refused' in ours, `${file} was read`).toBe(true);
      if (!('refused' in ours)) return;
      const { reason } = ours.refused;
      if (investments.length > 0 && statements.length === 0) expect(reason).toMatch(/investment statement \(INVSTMTRS\)/);
      else if (statements.length > 1 && file.startsWith('multiple_accounts')) expect(reason).toMatch(new RegExp(`holds ${statements.length} statements`));
      else if (theirs.signon_code !== null && theirs.signon_code !== 0) expect(reason).toMatch(new RegExp(`refused the sign-on: status ${theirs.signon_code} \\S`));
      else expect(reason).toMatch(/no bank or credit-card statement|reported an error|list of accounts/);
    });
  }
});
