import { DuckDBTypeId, type DuckDBConnection } from '@duckdb/node-api';
import { isTimestampTzType } from '../sql/timestamp-tz.ts';
import { TokenEditor } from '../sql/token-editor.ts';

const OTHER_TIMESTAMPS = new Set([DuckDBTypeId.TIMESTAMP, DuckDBTypeId.TIMESTAMP_NS, DuckDBTypeId.TIMESTAMP_MS, DuckDBTypeId.TIMESTAMP_S, DuckDBTypeId.TIMESTAMP_TZ, DuckDBTypeId.DATE]);
const BRANCH_END = new Set(['UNION', 'ORDER', 'LIMIT', 'QUALIFY']);

/**
 * Snowflake converts between its timestamp types where a set operation mixes them: dbt's second
 * snapshot run unions TIMESTAMP_TZ versions with `to_timestamp_ntz(...)` for the deleted keys.
 * DuckDB cannot cast a TIMESTAMP into the TIMESTAMP_TZ storage struct (timestamp-tz.ts), so in
 * each UNION [ALL] chain a branch whose column is another timestamp type where another branch's
 * is a TIMESTAMP_TZ gets that column converted by sf_tz. Branch types come from preparing each
 * branch (with the query's WITH clause): nothing runs, so an open transaction is not disturbed.
 */
export async function alignUnionTimestampTz(connection: DuckDBConnection, sql: string): Promise<string> {
  if (!/\bUNION\b/i.test(sql)) return sql;
  const editor = new TokenEditor(sql);
  const depths = depthOf(editor);
  let changed = false;
  for (let u = 0; u < editor.length; u++) {
    if (editor.kw(u) !== 'UNION') continue;
    const chain = chainAround(editor, depths, u);
    if (!chain) continue;
    u = chain.branches.at(-1)!.end;
    const prefix = chain.withAt < 0 ? '' : textOf(editor, chain.withAt, chain.branches[0]!.start - 1);
    const shapes: Array<BranchColumn[] | undefined> = [];
    for (const branch of chain.branches) shapes.push(await branchShape(connection, `${prefix} ${textOf(editor, branch.start, branch.end)}`));
    if (shapes.some((s) => s === undefined)) continue;
    const width = shapes[0]!.length;
    const tzColumns = new Set<number>();
    for (let k = 0; k < width; k++) if (shapes.some((s) => s![k]?.tz)) tzColumns.add(k);
    chain.branches.forEach((branch, b) => {
      const shape = shapes[b]!;
      const convert = [...tzColumns].filter((k) => shape[k]?.otherTimestamp);
      if (convert.length === 0 || new Set(shape.map((c) => c.name)).size !== shape.length) return;
      const list = shape.map((c, k) => (convert.includes(k) ? `sf_tz(__sf_b.${quote(c.name)}) AS ${quote(c.name)}` : `__sf_b.${quote(c.name)}`)).join(', ');
      editor.set(branch.start, `SELECT ${list} FROM (${editor.at(branch.start)?.text ?? ''}`);
      editor.set(branch.end, `${editor.at(branch.end)?.text ?? ''}) AS __sf_b`);
      changed = true;
    });
  }
  return changed ? editor.toSql() : sql;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function textOf(editor: TokenEditor, from: number, to: number): string {
  return editor.tokens.slice(editor.sig[from], (editor.sig[to] ?? editor.tokens.length - 1) + 1).map((t) => t.text).join('');
}

function depthOf(editor: TokenEditor): number[] {
  const depths: number[] = [];
  let depth = 0;
  for (let i = 0; i < editor.length; i++) {
    if (editor.isOp(i, ')')) depth--;
    depths.push(depth);
    if (editor.isOp(i, '(')) depth++;
  }
  return depths;
}

interface Chain {
  withAt: number;
  branches: Array<{ start: number; end: number }>;
}

/** The SELECT branches around the UNION at `u`, at its paren depth, and that depth's WITH. */
function chainAround(editor: TokenEditor, depths: number[], u: number): Chain | undefined {
  const depth = depths[u]!;
  const sameDepth = (i: number) => depths[i] === depth;
  let start = u - 1;
  while (start >= 0 && !(sameDepth(start) && editor.kw(start) === 'SELECT')) {
    if (depths[start]! < depth) return undefined;
    start--;
  }
  if (start < 0) return undefined;
  let withAt = -1;
  for (let i = start - 1; i >= 0 && depths[i]! >= depth; i--) if (sameDepth(i) && editor.kw(i) === 'WITH') withAt = i;
  const branches: Array<{ start: number; end: number }> = [];
  let branchStart = start;
  for (let i = start; i <= editor.length; i++) {
    const closes = i === editor.length || depths[i]! < depth || (sameDepth(i) && (BRANCH_END.has(editor.kw(i) ?? '') || editor.isOp(i, ';')));
    if (!closes) continue;
    branches.push({ start: branchStart, end: i - 1 });
    if (i < editor.length && editor.kw(i) === 'UNION') {
      const next = editor.kw(i + 1) === 'ALL' || editor.kw(i + 1) === 'DISTINCT' ? i + 2 : i + 1;
      if (editor.kw(next) !== 'SELECT') return undefined;
      branchStart = next;
      i = next;
    } else break;
  }
  return branches.length > 1 ? { withAt, branches } : undefined;
}

interface BranchColumn {
  name: string;
  tz: boolean;
  otherTimestamp: boolean;
}

async function branchShape(connection: DuckDBConnection, sql: string): Promise<BranchColumn[] | undefined> {
  try {
    const prepared = await connection.prepare(sql);
    return Array.from({ length: prepared.columnCount }, (_u, k) => {
      const type = prepared.columnType(k);
      return { name: prepared.columnName(k), tz: isTimestampTzType(type), otherTimestamp: OTHER_TIMESTAMPS.has(type.typeId) };
    });
  } catch {
    return undefined; // let the statement itself report what is wrong
  }
}
