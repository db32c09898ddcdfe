import { describe, expect, it } from 'vitest';
import { CsvTokenizer, type CsvRecord } from './csv-tokenizer.ts';

function tokenize(text: string, delimiter = ',', chunk = text.length || 1): CsvRecord[] {
  const t = new CsvTokenizer(delimiter);
  const out: CsvRecord[] = [];
  for (let i = 0; i < text.length; i += chunk) out.push(...t.push(text.slice(i, i + chunk)));
  out.push(...t.end());
  return out;
}

describe('CsvTokenizer', () => {
  const text = 'a,"b ""q"", c",d\r\n"multi\r\nline",x,\r\n\r\nlast,"",z';
  const expected = [
    { fields: ['a', 'b "q", c', 'd'], line: 1, endLine: 1 },
    { fields: ['multi\r\nline', 'x', ''], line: 2, endLine: 3 },
    { fields: [''], line: 4, endLine: 4 },
    { fields: ['last', '', 'z'], line: 5, endLine: 5 },
  ];

  it('follows RFC 4180 quoting and counts physical lines', () => {
    expect(tokenize(text)).toEqual(expected);
  });

  it('gives the same records whatever the chunking (CRLF split across chunks)', () => {
    for (const size of [1, 2, 3, 7]) expect(tokenize(text, ',', size)).toEqual(expected);
  });

  it('accepts LF and lone CR line ends and other delimiters', () => {
    expect(tokenize('a;b\rc;d\ne;f', ';').map((r) => [r.fields, r.line])).toEqual([
      [['a', 'b'], 1],
      [['c', 'd'], 2],
      [['e', 'f'], 3],
    ]);
    expect(tokenize('a\tb|c\n', '\t')[0]?.fields).toEqual(['a', 'b|c']);
  });

  it('keeps a stray quote inside an unquoted field', () => {
    expect(tokenize('5" screen,1\n')[0]?.fields).toEqual(['5" screen', '1']);
  });

  it('flags text after a closing quote and an unterminated quote', () => {
    expect(tokenize('"ab"c,d\n')[0]?.error).toMatch(/unexpected text after the closing quote of field 1/);
    const records = tokenize('x,y\n"open,1\n2,3\n');
    expect(records[1]).toMatchObject({ line: 2, error: 'unterminated quoted field (the quote opened on line 2 is never closed)' });
  });
});
