import { describe, expect, it } from 'vitest';
import { identifierValue, joinTokens, significant, stringValue, tokenize } from './tokenize.ts';
import { splitStatements } from './split-statements.ts';

const kinds = (sql: string) => significant(tokenize(sql)).map((t) => `${t.kind}:${t.text}`);

describe('tokenize', () => {
  it('gives back the input when tokens are joined', () => {
    const sql = `SELECT a::NUMBER(15,2), 'it''s; -- not a comment', "Mixed Case" -- trailing\n/* block */ FROM t WHERE x = :1 AND y = ?`;
    expect(joinTokens(tokenize(sql))).toBe(sql);
  });

  it('keeps literals, quoted identifiers and comments whole', () => {
    expect(kinds(`x = 'a''b' || $$c;d$$ /* ; */ "q""t"`)).toEqual([
      'word:x',
      'op:=',
      "string:'a''b'",
      'op:||',
      'string:$$c;d$$',
      'quoted:"q""t"',
    ]);
  });

  it('tells binds from the :: cast operator and reads stage references', () => {
    expect(kinds('a::int = :12 AND b = ? AND c = $3')).toEqual(['word:a', 'op:::', 'word:int', 'op:=', 'param::12', 'word:AND', 'word:b', 'op:=', 'param:?', 'word:AND', 'word:c', 'op:=', 'param:$3']);
    expect(kinds('COPY INTO t FROM @db.s."My Stage"/2026/10 FILES=(1)')[4]).toBe('stage:@db.s."My Stage"/2026/10');
    expect(kinds('LIST @~/x')).toEqual(['word:LIST', 'stage:@~/x']);
  });

  it('decodes literal and identifier values as Snowflake resolves them', () => {
    const [literal, quoted, bare] = significant(tokenize(`'it''s\\t' "Ab" ab`));
    expect(stringValue(literal!)).toBe("it's\t");
    expect(identifierValue(quoted!)).toBe('Ab');
    expect(identifierValue(bare!)).toBe('AB');
  });
});

describe('splitStatements', () => {
  it('splits on top-level semicolons only and drops empty statements', () => {
    expect(splitStatements(`select 'a;b'; -- c;\n select 2;;`)).toEqual([`select 'a;b'`, '-- c;\n select 2']);
  });
});
