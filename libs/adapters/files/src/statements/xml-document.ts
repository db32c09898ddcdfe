import { XMLParser, XMLValidator, type X2jOptions } from 'fast-xml-parser';
import { StatementParseError } from '@ledgerline/ingestion';
import { LineIndex, truncatedAt } from './text-lines.ts';

/** A parsed XML element as fast-xml-parser gives it with attributes under `@name` and text as `#text`. */
export type XmlNode = { [key: string]: XmlValue };
export type XmlValue = string | XmlNode | XmlValue[];

/**
 * Parses a statement's XML strictly: a file that ends before its root element is closed is
 * "truncated" (a download or copy cut short), any other malformed XML is refused with the line
 * fast-xml-parser's validator names. Values stay text (no number guessing: `0012` stays `0012`).
 */
export function parseXmlStatement(xml: string, root: string, arrays: readonly string[], lineOffset = 0): XmlNode {
  const lines = new LineIndex(xml);
  const closed = new RegExp(`</(?:[\\w.-]+:)?${root}\\s*>\\s*$`, 'i');
  if (!closed.test(xml)) throw truncatedAt(lines.lastContentLine(xml) + lineOffset, `the file ends before </${root}>`);
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new StatementParseError({ line: valid.err.line + lineOffset, reason: `malformed XML: ${valid.err.msg}` });
  const wanted = new Set(arrays);
  const options: Partial<X2jOptions> = {
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    removeNSPrefix: true,
    parseTagValue: false,
    parseAttributeValue: false,
    trimValues: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    isArray: (name) => wanted.has(name),
  };
  return new XMLParser(options).parse(xml) as XmlNode;
}

/** The child element `name` of a node, if it is an element. */
export function child(node: XmlValue | undefined, ...path: string[]): XmlNode | undefined {
  let current: XmlValue | undefined = node;
  for (const name of path) {
    if (current === undefined || typeof current === 'string' || Array.isArray(current)) return undefined;
    current = current[name];
    if (Array.isArray(current)) current = current[0];
  }
  return current !== undefined && typeof current !== 'string' && !Array.isArray(current) ? current : undefined;
}

/** The text of the element at `path` (its `#text` when it has attributes), trimmed; undefined when missing or empty. */
export function text(node: XmlValue | undefined, ...path: string[]): string | undefined {
  let current: XmlValue | undefined = node;
  for (const name of path) {
    if (current === undefined || typeof current === 'string' || Array.isArray(current)) return undefined;
    current = current[name];
    if (Array.isArray(current)) current = current[0];
  }
  if (typeof current === 'string') return current.trim() === '' ? undefined : current.trim();
  if (current !== undefined && !Array.isArray(current) && typeof current['#text'] === 'string') return current['#text'].trim() || undefined;
  return undefined;
}

/** Every `name` child of a node, as an array (fast-xml-parser gives one child unwrapped unless listed in `arrays`). */
export function children(node: XmlValue | undefined, name: string): XmlNode[] {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return [];
  const value = node[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((v): v is XmlNode => typeof v !== 'string' && !Array.isArray(v));
}

/** Every `name` child's text. */
export function texts(node: XmlValue | undefined, name: string): string[] {
  if (node === undefined || typeof node === 'string' || Array.isArray(node)) return [];
  const value = node[name];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => (typeof v === 'string' ? v.trim() : typeof v === 'object' && !Array.isArray(v) && typeof v['#text'] === 'string' ? v['#text'].trim() : '')).filter((t) => t !== '');
}
