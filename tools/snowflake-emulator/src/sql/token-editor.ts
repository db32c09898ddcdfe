import { joinTokens, keyword, tokenize, type Token, type TokenKind } from './tokenize.ts';

/**
 * Edits a token list in place by position among the significant tokens (whitespace and
 * comments skipped). Removing a token blanks it, so positions stay stable during one pass.
 */
export class TokenEditor {
  readonly tokens: Token[];
  /** Indices into `tokens` of the non-space tokens, in order. */
  readonly sig: number[];

  constructor(sql: string) {
    this.tokens = tokenize(sql);
    this.sig = [];
    this.tokens.forEach((t, i) => {
      if (t.kind !== 'space') this.sig.push(i);
    });
  }

  get length(): number {
    return this.sig.length;
  }

  at(i: number): Token | undefined {
    const index = this.sig[i];
    return index === undefined ? undefined : this.tokens[index];
  }

  kw(i: number): string | undefined {
    return keyword(this.at(i));
  }

  isOp(i: number, op: string): boolean {
    const t = this.at(i);
    return t?.kind === 'op' && t.text === op;
  }

  isName(i: number): boolean {
    const kind = this.at(i)?.kind;
    return kind === 'word' || kind === 'quoted';
  }

  set(i: number, text: string, kind?: TokenKind): void {
    const t = this.at(i);
    if (!t) return;
    t.text = text;
    if (kind) t.kind = kind;
  }

  blank(i: number): void {
    this.set(i, '', 'space');
  }

  blankRange(from: number, toInclusive: number): void {
    for (let i = from; i <= toInclusive; i++) this.blank(i);
  }

  /** Position of the `)` that closes the `(` at `open`, or -1. */
  matchingClose(open: number): number {
    let depth = 0;
    for (let i = open; i < this.length; i++) {
      if (this.isOp(i, '(')) depth++;
      else if (this.isOp(i, ')')) {
        depth--;
        if (depth === 0) return i;
      }
    }
    return -1;
  }

  /** Positions of the commas directly inside the parens `open`..`close`. */
  topLevelCommas(open: number, close: number): number[] {
    const commas: number[] = [];
    let depth = 0;
    for (let i = open + 1; i < close; i++) {
      if (this.isOp(i, '(')) depth++;
      else if (this.isOp(i, ')')) depth--;
      else if (depth === 0 && this.isOp(i, ',')) commas.push(i);
    }
    return commas;
  }

  /** Position of the `(` whose parens enclose `i`, or -1 at top level. */
  enclosingOpen(i: number): number {
    let depth = 0;
    for (let j = i - 1; j >= 0; j--) {
      if (this.isOp(j, ')')) depth++;
      else if (this.isOp(j, '(')) {
        if (depth === 0) return j;
        depth--;
      }
    }
    return -1;
  }

  toSql(): string {
    return joinTokens(this.tokens);
  }
}
