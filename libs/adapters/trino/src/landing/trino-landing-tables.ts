import { changeLogTableName, LANDING_COLUMNS, parseLandedObjectKey, type LandedObjectName, type LandingFileInspector, type ObjectStore, type StoredObject } from '@ledgerline/cdc';
import type { TrinoClient } from '../client/trino-client.ts';
import { TerminalError, TransientError } from '@ledgerline/transactions';
import { TrinoQueryError } from '../client/trino-failures.ts';
import { trinoIdentifier as q, trinoLiteral } from '../client/trino-literals.ts';

export interface TrinoLandingTablesOptions {
  /** An Iceberg catalog on the landing zone's S3 server, created with `addFiles: true`. */
  readonly catalog: string;
  /** Schema the change-log tables go in (created when missing). */
  readonly schema: string;
  /** The landing zone's bucket; object keys are relative to it. */
  readonly bucket: string;
  /** The landing prefix the CDC writer uses (DEFAULT_LANDING_PREFIX). */
  readonly prefix: string;
}

/** What checks a file before it is registered: the landing loaders' own inspection. */
export interface TrinoLandingTablesDeps {
  /** The landing zone, to read a new file once for its inspection. */
  readonly store: ObjectStore;
  /** The same check the DuckDB and Snowflake loaders run (columns and types, values, offsets against the key). */
  readonly inspector: LandingFileInspector;
}

export interface RegisterLandedResult {
  /** Files registered by this call. */
  added: number;
  /** Files already in their table with the same size (a repeated notification or re-scan). */
  alreadyRegistered: number;
  /** Objects not registered, each with the reason. */
  refused: { key: string; reason: string }[];
}

/** Trino's words for an object it fetched but could not read as Parquet. */
const UNREADABLE_FILE = /failed to read file footer|not a (valid )?parquet file|corrupt/i;

/** add_files refusing a file the table already has (another registrar was first). */
const ALREADY_ADDED = /file already exists/i;

const TRINO_TYPE: Record<(typeof LANDING_COLUMNS)[number]['type'], string> = { VARCHAR: 'varchar', INTEGER: 'integer', BIGINT: 'bigint' };

/**
 * The CDC landing zone as Trino tables, without copying a byte: each landed Parquet file is
 * registered in place into the Iceberg table of its source table (`cdc_<schema>_<table>`, the
 * landing columns) with Iceberg's `add_files`. Iceberg's own metadata keeps each file once: a
 * file already registered is recognised from the table's `$files` (and `add_files` refuses a
 * second registration itself, which covers two registrars racing). Landed files never change
 * (their key names their offsets), so a registered file whose size differs is refused, not
 * re-registered. Before a new file is registered it passes the loaders' LandingFileInspector (read
 * once from the store): zero-copy must not mean unchecked, since a file whose rows contradict its
 * key (another writer's offsets, a BIGINT partition) would otherwise become table rows as they
 * are. A file Trino still cannot read is refused with Trino's reason.
 *
 * One registrar per landing zone: Iceberg checks for a duplicate against the snapshot add_files
 * started from, and two commits racing both succeed (measured: 3 files registered from two
 * registrars at once gave 4 entries, so one file's rows twice). Calls on one instance are
 * serialised here for that reason; a second process registering into the same tables is not safe.
 */
export class TrinoLandingTables {
  private readonly created = new Set<string>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly client: TrinoClient,
    private readonly options: TrinoLandingTablesOptions,
    private readonly deps: TrinoLandingTablesDeps,
  ) {}

  /** Registers the given landed objects (e.g. one notification's, or a listing of the prefix); one call at a time. */
  register(objects: readonly StoredObject[]): Promise<RegisterLandedResult> {
    const run = this.queue.then(() => this.registerNow(objects));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async registerNow(objects: readonly StoredObject[]): Promise<RegisterLandedResult> {
    const result: RegisterLandedResult = { added: 0, alreadyRegistered: 0, refused: [] };
    const byTable = new Map<string, { object: StoredObject; name: LandedObjectName }[]>();
    for (const object of objects) {
      const parsed = parseLandedObjectKey(object.key, this.options.prefix);
      if (!parsed.ok) {
        result.refused.push({ key: object.key, reason: parsed.reason });
        continue;
      }
      const table = changeLogTableName(parsed.name);
      byTable.set(table, [...(byTable.get(table) ?? []), { object, name: parsed.name }]);
    }
    for (const [table, files] of byTable) {
      await this.ensureTable(table);
      const registered = await this.registeredFiles(table);
      for (const { object, name } of files) {
        const outcome = await this.registerOne(table, object, name, registered);
        if (outcome === 'added') result.added += 1;
        else if (outcome === 'already') result.alreadyRegistered += 1;
        else result.refused.push({ key: object.key, reason: outcome.refused });
      }
    }
    return result;
  }

  /** Fully qualified name of a change-log table, for queries. */
  tableName(table: string): string {
    return `${q(this.options.catalog)}.${q(this.options.schema)}.${q(table)}`;
  }

  private location(key: string): string {
    return `s3://${this.options.bucket}/${key}`;
  }

  private async registerOne(table: string, object: StoredObject, name: LandedObjectName, registered: Map<string, number>): Promise<'added' | 'already' | { refused: string }> {
    const location = this.location(object.key);
    const known = registered.get(location);
    if (known !== undefined) return known === object.size ? 'already' : { refused: sizeChanged(location, known, object.size) };
    const body = await this.deps.store.get(object.key);
    if (!body) return { refused: `${location} is gone from the landing zone` };
    if (body.length !== object.size) return { refused: `${location} changed while it was being registered (${object.size} bytes listed, ${body.length} read)` };
    const verdict = await this.deps.inspector.inspect(name, body);
    if (!verdict.ok) return { refused: `${location} is not a landing file to register: ${verdict.reason}` };
    try {
      await this.client.run(`ALTER TABLE ${this.tableName(table)} EXECUTE add_files(location => ${trinoLiteral(location)}, format => 'PARQUET')`);
      registered.set(location, object.size);
      return 'added';
    } catch (error) {
      // A refusal of the statement (terminal) is this file's verdict, and so is a footer Trino
      // could not read (reported as EXTERNAL, which otherwise means the object store failed and
      // is the caller's to retry).
      const cause = error instanceof TerminalError || error instanceof TransientError ? error.cause : undefined;
      if (!(cause instanceof TrinoQueryError)) throw error;
      const alreadyAdded = ALREADY_ADDED.test(cause.error.message);
      if (error instanceof TransientError && !alreadyAdded && !UNREADABLE_FILE.test(cause.error.message)) throw error;
      // Another registrar got there first: the table's metadata says which version it took.
      if (alreadyAdded) {
        const size = (await this.registeredFiles(table)).get(location);
        if (size === object.size) return 'already';
        if (size !== undefined) return { refused: sizeChanged(location, size, object.size) };
      }
      return { refused: `Trino could not register ${location} into ${table}: ${cause.error.message}` };
    }
  }

  private async registeredFiles(table: string): Promise<Map<string, number>> {
    const files = await this.client.run(`SELECT file_path, file_size_in_bytes FROM ${q(this.options.catalog)}.${q(this.options.schema)}.${q(`${table}$files`)}`);
    return new Map(files.rows.map(([path, size]) => [String(path), Number(size)]));
  }

  private async ensureTable(table: string): Promise<void> {
    if (this.created.has(table)) return;
    await this.client.run(`CREATE SCHEMA IF NOT EXISTS ${q(this.options.catalog)}.${q(this.options.schema)}`);
    const columns = LANDING_COLUMNS.map((c) => `${q(c.name)} ${TRINO_TYPE[c.type]}${c.nullable ? '' : ' NOT NULL'}`);
    await this.client.run(`CREATE TABLE IF NOT EXISTS ${this.tableName(table)} (${columns.join(', ')})`);
    this.created.add(table);
  }
}

function sizeChanged(location: string, registered: number, now: number): string {
  return `${location} was registered with ${registered} bytes and is now ${now}: a landed file never changes, so this one was rewritten; land it under a new key`;
}
