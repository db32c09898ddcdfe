import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { detectStatementFormat, parseStructuredStatement, StatementParseError, STRUCTURED_STATEMENT_FORMATS, type StructuredStatementFormat } from '@ledgerline/ingestion';
import { IconvTextCodec } from '../encoding/iconv-text-codec.ts';
import { createStatementFormatReaders } from './statement-format-readers.ts';

// Every fixture has `<name>.expected.json` beside it, written by hand from the format's
// specification: the statement a reader of the file would write down (every entry field by
// field), or the exact report a refused file must get.
const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const expectationSchema = z.union([
  z.object({ format: z.enum(STRUCTURED_STATEMENT_FORMATS).optional(), encoding: z.string().optional(), statement: z.record(z.string(), z.unknown()) }),
  z.object({ format: z.enum(STRUCTURED_STATEMENT_FORMATS).optional(), error: z.object({ line: z.number().int(), column: z.string().optional(), reason: z.string().min(1) }) }),
]);

const fixtures = readdirSync(FIXTURES, { withFileTypes: true })
  .filter((f) => f.isFile() && !f.name.endsWith('.json') && !f.name.endsWith('.ts'))
  .map((f) => f.name)
  .sort()
  .map((file) => ({
    file,
    bytes: new Uint8Array(readFileSync(join(FIXTURES, file))),
    expected: expectationSchema.parse(JSON.parse(readFileSync(join(FIXTURES, file.replace(/\.[^.]+$/, '.expected.json')), 'utf8'))),
  }));
const readers = createStatementFormatReaders();
const codec = new IconvTextCodec();

function formatOf(file: string, bytes: Uint8Array, stated?: StructuredStatementFormat): StructuredStatementFormat {
  const format = detectStatementFormat(bytes, file);
  if (!(STRUCTURED_STATEMENT_FORMATS as readonly string[]).includes(format)) throw new Error(`${file} detected as ${format}`);
  if (stated) expect(format).toBe(stated);
  return format as StructuredStatementFormat;
}

describe('structured statement fixtures (OFX/QFX, QIF, CAMT.053, MT940)', () => {
  it('has every format, good and refused files', () => {
    for (const format of STRUCTURED_STATEMENT_FORMATS) {
      expect(fixtures.filter((f) => 'statement' in f.expected && f.expected.statement['format'] === format).length, format).toBeGreaterThanOrEqual(3);
    }
    expect(fixtures.filter((f) => 'error' in f.expected).length).toBeGreaterThanOrEqual(10);
  });

  for (const { file, bytes, expected } of fixtures) {
    if ('statement' in expected) {
      it(`reads ${file}`, () => {
        const format = formatOf(file, bytes, expected.statement['format'] as StructuredStatementFormat);
        const { statement, encoding } = parseStructuredStatement(bytes, format, readers, { file, codec });
        expect(statement).toEqual(expected.statement);
        if (expected.encoding) expect(encoding).toBe(expected.encoding);
      });
    } else {
      it(`refuses ${file} with a precise reason`, () => {
        let caught: unknown;
        try {
          parseStructuredStatement(bytes, formatOf(file, bytes, expected.format), readers, { file, codec });
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(StatementParseError);
        const error = caught as StatementParseError;
        expect({ line: error.line, reason: error.reason, ...(error.column !== undefined ? { column: error.column } : {}) }).toEqual(expected.error);
        expect(error.file).toBe(file);
      });
    }
  }
});
