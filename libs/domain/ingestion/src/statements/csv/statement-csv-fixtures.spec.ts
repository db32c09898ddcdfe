import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { StatementParseError } from '../statement-parse-error.ts';
import { parseMappingProfile } from './mapping-profile.ts';
import { parseStatementCsv } from './parse-statement-csv.ts';
import { StatementCsvParser } from './statement-csv-parser.ts';

// Every fixture `<name>.csv` has `<name>.expected.json` beside it: the rows and dialect facts a
// reader of the file would write down by hand, or the precise error a bad file must produce.
const FIXTURES = fileURLToPath(new URL('../__fixtures__/csv/', import.meta.url));

const expectationSchema = z.union([
  z.object({
    profile: z.unknown().optional(),
    dialect: z.record(z.string(), z.unknown()),
    rows: z.array(z.record(z.string(), z.unknown())).min(1),
  }),
  z.object({
    error: z.object({ line: z.number().int(), column: z.string().optional(), reasonContains: z.string().min(1) }),
  }),
]);

const fixtures = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.csv'))
  .sort()
  .map((file) => ({
    file,
    bytes: readFileSync(join(FIXTURES, file)),
    expected: expectationSchema.parse(JSON.parse(readFileSync(join(FIXTURES, file.replace(/\.csv$/, '.expected.json')), 'utf8'))),
  }));

describe('CSV statement fixtures', () => {
  it('has a corpus of at least 15 good and 5 bad files', () => {
    expect(fixtures.filter((f) => 'rows' in f.expected).length).toBeGreaterThanOrEqual(15);
    expect(fixtures.filter((f) => 'error' in f.expected).length).toBeGreaterThanOrEqual(5);
  });

  for (const { file, bytes, expected } of fixtures) {
    if ('rows' in expected) {
      it(`parses ${file}`, () => {
        const profile = expected.profile === undefined ? undefined : parseMappingProfile(expected.profile);
        const { dialect, rows } = parseStatementCsv(bytes, { file, ...(profile ? { profile } : {}) });
        expect(rows).toEqual(expected.rows);
        expect(dialect).toMatchObject(expected.dialect);
      });

      it(`parses ${file} identically when fed one byte at a time`, () => {
        const profile = expected.profile === undefined ? undefined : parseMappingProfile(expected.profile);
        const whole = parseStatementCsv(bytes, { file, ...(profile ? { profile } : {}) });
        const parser = new StatementCsvParser({ file, sampleLines: 2, ...(profile ? { profile } : {}) });
        const rows = [];
        for (let i = 0; i < bytes.length; i++) rows.push(...parser.push(bytes.subarray(i, i + 1)));
        rows.push(...parser.end());
        expect(rows).toEqual(whole.rows);
      });
    } else {
      it(`rejects ${file} with a precise error`, () => {
        let caught: unknown;
        try {
          parseStatementCsv(bytes, { file });
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(StatementParseError);
        const error = caught as StatementParseError;
        expect(error.file).toBe(file);
        expect(error.line).toBe(expected.error.line);
        expect(error.column).toBe(expected.error.column);
        expect(error.reason).toContain(expected.error.reasonContains);
        expect(error.message).toContain(file);
      });
    }
  }
});
