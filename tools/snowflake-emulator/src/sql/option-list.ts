import { stringValue, type Token } from './tokenize.ts';
import type { TokenEditor } from './token-editor.ts';

/** A Snowflake option value: `X = 'a'`, `X = 1`, `X = TRUE`, `X = ('a', 'b')`, `X = (Y = 1)`. */
export type OptionValue = string | string[] | OptionMap;
export interface OptionMap {
  [name: string]: OptionValue;
}

/**
 * Parses `NAME = value` pairs from position `start` until `end` (exclusive), as used by
 * COPY INTO, CREATE STAGE, CREATE FILE FORMAT and ALTER SESSION. Names are upper-cased;
 * bare-word values are upper-cased; string literals keep their case.
 */
export function parseOptions(editor: TokenEditor, start: number, end: number): OptionMap {
  const options: OptionMap = {};
  let i = start;
  while (i < end) {
    const name = editor.kw(i);
    if (!name || !editor.isOp(i + 1, '=')) {
      i++;
      continue;
    }
    const valueAt = i + 2;
    if (editor.isOp(valueAt, '(')) {
      const close = editor.matchingClose(valueAt);
      const inner = close === -1 ? end : close;
      const nested = hasTopLevelEquals(editor, valueAt + 1, inner);
      options[name] = nested ? parseOptions(editor, valueAt + 1, inner) : parseList(editor, valueAt + 1, inner);
      i = inner + 1;
    } else {
      const token = editor.at(valueAt);
      if (token) options[name] = scalar(token);
      i = valueAt + 1;
    }
  }
  return options;
}

function hasTopLevelEquals(editor: TokenEditor, start: number, end: number): boolean {
  let depth = 0;
  for (let i = start; i < end; i++) {
    if (editor.isOp(i, '(')) depth++;
    else if (editor.isOp(i, ')')) depth--;
    else if (depth === 0 && editor.isOp(i, '=')) return true;
  }
  return false;
}

function parseList(editor: TokenEditor, start: number, end: number): string[] {
  const values: string[] = [];
  for (let i = start; i < end; i++) {
    const token = editor.at(i);
    if (token && !(token.kind === 'op' && token.text === ',')) values.push(scalar(token));
  }
  return values;
}

function scalar(token: Token): string {
  if (token.kind === 'string') return stringValue(token);
  if (token.kind === 'word') return token.text.toUpperCase();
  return token.text;
}

export function optionString(options: OptionMap, name: string): string | undefined {
  const value = options[name];
  return typeof value === 'string' ? value : undefined;
}

export function optionList(options: OptionMap, name: string): string[] | undefined {
  const value = options[name];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : undefined;
}

export function optionMap(options: OptionMap, name: string): OptionMap | undefined {
  const value = options[name];
  return value && typeof value === 'object' && !Array.isArray(value) ? value : undefined;
}

export function optionBoolean(options: OptionMap, name: string): boolean | undefined {
  const value = optionString(options, name)?.toUpperCase();
  if (value === undefined) return undefined;
  return value === 'TRUE' || value === '1' || value === 'YES' || value === 'ON';
}
