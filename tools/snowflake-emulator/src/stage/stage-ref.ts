/**
 * A parsed stage location: `@~/path` (user stage), `@%TABLE/path` (table stage) or
 * `@[db.][schema.]name/path` (named stage). Names are resolved like identifiers (unquoted
 * upper-cased); `schema` is null when the reference does not name one.
 */
export interface StageRef {
  kind: 'user' | 'table' | 'named';
  name: string;
  schema: string | null;
  /** Path inside the stage, without leading or trailing slashes ('' for the stage root). */
  path: string;
}

export function parseStageRef(text: string): StageRef {
  const raw = text.startsWith("'") ? text.slice(1, -1) : text;
  if (!raw.startsWith('@')) throw new Error(`not a stage reference: ${text}`);
  const body = raw.slice(1);
  const slash = firstUnquotedSlash(body);
  const location = slash === -1 ? body : body.slice(0, slash);
  const path = slash === -1 ? '' : body.slice(slash + 1).replace(/^\/+|\/+$/g, '');
  if (location === '~') return { kind: 'user', name: '~', schema: null, path };
  // A table stage is `@[db.][schema.]%table`.
  const parts = splitName(location.replace(/(^|\.)%/, '$1'));
  const kind = /(^|\.)%/.test(location) ? 'table' : 'named';
  return { kind, name: parts.at(-1)!, schema: parts.length > 1 ? parts.at(-2)! : null, path };
}

function firstUnquotedSlash(text: string): number {
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '"') quoted = !quoted;
    else if (text[i] === '/' && !quoted) return i;
  }
  return -1;
}

/** `db.schema."My Stage"` -> ['DB', 'SCHEMA', 'My Stage']. */
function splitName(text: string): string[] {
  const parts: string[] = [];
  let current = '';
  let quoted = false;
  let wasQuoted = false;
  for (const ch of text) {
    if (ch === '"') {
      quoted = !quoted;
      wasQuoted = true;
    } else if (ch === '.' && !quoted) {
      parts.push(wasQuoted ? current : current.toUpperCase());
      current = '';
      wasQuoted = false;
    } else {
      current += ch;
    }
  }
  parts.push(wasQuoted ? current : current.toUpperCase());
  return parts;
}
