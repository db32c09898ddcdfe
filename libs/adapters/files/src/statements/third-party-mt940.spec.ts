import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseStructuredStatement, StatementParseError } from '@ledgerline/ingestion';
import { IconvTextCodec } from '../encoding/iconv-text-codec.ts';
import { createStatementFormatReaders } from './statement-format-readers.ts';

// Files nobody here wrote: the MT940 test files of the npm package mt940js 1.3.5 (Apache-2.0,
// vendored with its LICENSE), in Knab's layout: two SWIFT messages per file, the second with
// trailer blocks (`-}{5:{MAC:...}{CHK:...}}`). In both files the second statement opens at
// 3058.98 where the first closed at 500.00 (sequence 998/1, then 999/1): a statement in between is
// missing, so the honest answer is a refusal at that line — not a misleading one.
const DIR = fileURLToPath(new URL('./__third_party__/mt940js-1.3.5/', import.meta.url));
const readers = createStatementFormatReaders();
const codec = new IconvTextCodec();

function refusal(file: string): { line: number; reason: string } {
  try {
    parseStructuredStatement(new Uint8Array(readFileSync(join(DIR, file))), 'mt940', readers, { file, codec });
  } catch (error) {
    if (error instanceof StatementParseError) return { line: error.line, reason: error.reason };
    throw error;
  }
  throw new Error(`${file} was read`);
}

describe('MT940 files of mt940js’s test suite', () => {
  it.each([
    ['test1.mt940', 15],
    // Before, its trailer blocks made it "truncated at line 30 (never ends with '-}')".
    ['testX.mt940', 18],
  ])('%s: refused where the statements stop chaining, at line %i', (file, line) => {
    expect(refusal(file)).toEqual({ line, reason: 'this statement opens at 3058.98 but the one before closed at 500.00: a statement is missing in between' });
  });
});
