import {
  formatLsn,
  type ChangeSource,
  type ChangeSourceStatus,
  type Lsn,
  type OpenedSource,
  type RowChange,
  type StreamHandler,
} from '@ledgerline/cdc';
import type { Logger } from '@ledgerline/logging';
import pg from 'pg';
import { LogicalReplicationService, PgoutputPlugin, type Pgoutput } from 'pg-logical-replication';
import { cachedKeyColumns } from './key-columns.ts';
import { PgoutputMessageMapper } from './map-pgoutput-message.ts';
import { HEARTBEAT_PREFIX, type PgoutputSourceSettings } from './pgoutput-options.ts';
import { readSnapshot } from './read-snapshot.ts';
import { createSlotWithSnapshot, currentWalLsn, ensurePublication, readSlot, type CreatedSlot } from './replication-slot.ts';
import { SnapshotState } from './snapshot-state.ts';

// The server asks for a reply every wal_sender_timeout/2 (default 30 s); a status every 10 s
// keeps the connection alive through long handler waits (Kafka down) as well.
const STATUS_INTERVAL_MS = 10_000;

/**
 * ChangeSource on a PostgreSQL logical replication slot with the pgoutput plugin, through
 * pg-logical-replication (it decodes the protocol; slot creation with an exported snapshot and the
 * acknowledgements are ours).
 *
 * Acknowledgement: the library's automatic acknowledgement (every received message, and a timer
 * that reports the last *received* position) is switched off: reporting a position Kafka has not
 * confirmed would let the slot discard WAL we still need after a crash. Only `acknowledge` moves
 * the slot, and keepalive replies repeat the last acknowledged position.
 */
export class PgoutputChangeSource implements ChangeSource {
  readonly kind = 'pgoutput';
  private readonly state: SnapshotState;
  private created: CreatedSlot | null = null;
  private service: LogicalReplicationService | null = null;
  private confirmed: Lsn | null = null;

  constructor(
    private readonly settings: PgoutputSourceSettings,
    private readonly sql: pg.Client,
    private readonly logger: Logger,
  ) {
    this.state = new SnapshotState(settings.stateTable);
  }

  async open(): Promise<OpenedSource> {
    const { slot } = this.settings;
    await this.state.ensure(this.sql);
    await ensurePublication(this.sql, this.settings.publication, this.settings.tables, this.settings.replicaIdentityFull);
    const database = (await this.sql.query<{ db: string }>('SELECT current_database() AS db')).rows[0]!.db;
    const existing = await readSlot(this.sql, slot);
    if (existing) {
      const snapshotDue = !(await this.state.isDone(this.sql, slot));
      this.logger.info('replication slot exists', { slot, confirmed_lsn: existing.confirmedLsn === null ? null : formatLsn(existing.confirmedLsn), snapshot_due: snapshotDue });
      return { snapshotDue, database };
    }
    await this.state.clear(this.sql, slot);
    this.created = await createSlotWithSnapshot(this.settings.url, slot);
    this.logger.info('replication slot created', { slot, consistent_lsn: formatLsn(this.created.consistentLsn) });
    return { snapshotDue: true, database };
  }

  async readSnapshot(onRows: (rows: RowChange[]) => Promise<void>): Promise<void> {
    const created = this.created;
    // Its own connection: status queries on `sql` must not run inside the snapshot transaction.
    const client = new pg.Client({ connectionString: this.settings.url });
    await client.connect();
    try {
      await readSnapshot(
        client,
        {
          tables: this.settings.tables,
          batchRows: this.settings.snapshotBatchRows,
          snapshot: created ? { name: created.snapshotName, lsn: created.consistentLsn } : null,
          now: Date.now,
        },
        onRows,
      );
    } finally {
      await client.end().catch(() => undefined);
      // The exported snapshot was imported (or the read failed): the creating connection may go.
      this.created = null;
      await created?.connection.end().catch(() => undefined);
    }
  }

  async markSnapshotDone(): Promise<void> {
    await this.state.markDone(this.sql, this.settings.slot);
  }

  async stream(handler: StreamHandler, signal: AbortSignal): Promise<void> {
    if (signal.aborted) return;
    const slot = await readSlot(this.sql, this.settings.slot);
    if (!slot) throw new Error(`replication slot ${this.settings.slot} does not exist (dropped while starting?)`);
    this.confirmed = slot.confirmedLsn;
    const service = new LogicalReplicationService(
      { connectionString: this.settings.url },
      { acknowledge: { auto: false, timeoutSeconds: 0 }, flowControl: { enabled: true } },
    );
    this.service = service;
    const mapper = new PgoutputMessageMapper(cachedKeyColumns(this.sql));
    let failure: unknown;
    const fail = (error: unknown) => {
      failure ??= error;
      void service.stop();
    };
    // After a failed message nothing else may reach the handler: a later commit would be
    // acknowledged past the change that failed. (The library logs a handler error and goes on.)
    service.on('data', async (walLsn: string, message: Pgoutput.Message) => {
      if (failure !== undefined || signal.aborted) return;
      try {
        for (const step of await mapper.map(walLsn, message)) await handler(step);
      } catch (error) {
        fail(error);
      }
    });
    service.on('heartbeat', (_lsn: string, _timestamp: number, shouldRespond: boolean) => {
      if (shouldRespond) this.sendStatus();
    });
    service.on('error', fail);
    const onAbort = () => void service.stop();
    signal.addEventListener('abort', onAbort, { once: true });
    const statusTimer = setInterval(() => this.sendStatus(), STATUS_INTERVAL_MS);
    const plugin = new PgoutputPlugin({ protoVersion: 1, publicationNames: [this.settings.publication], messages: true });
    try {
      // Resolves when the connection ends: stop() (abort or failure) or the server closing it.
      await service.subscribe(plugin, this.settings.slot);
      if (failure === undefined && !signal.aborted) throw new Error('replication connection closed by the server');
    } catch (error) {
      failure ??= error;
    } finally {
      clearInterval(statusTimer);
      signal.removeEventListener('abort', onAbort);
      this.service = null;
      await service.destroy().catch(() => undefined);
    }
    if (failure !== undefined) throw failure;
  }

  async acknowledge(lsn: Lsn): Promise<void> {
    if (this.confirmed !== null && lsn <= this.confirmed) return;
    const service = this.service;
    if (service && !service.isStop()) {
      // The library reports lsn + 1 as flushed; PostgreSQL's own subscribers report the commit's
      // end exactly, and one byte further could skip a transaction whose commit record starts
      // right there. Hence lsn - 1.
      await service.acknowledge(formatLsn(lsn - 1n));
    } else {
      await this.advanceInactiveSlot(lsn);
    }
    this.confirmed = lsn;
  }

  async heartbeat(): Promise<void> {
    await this.sql.query('SELECT pg_logical_emit_message(false, $1, $2)', [HEARTBEAT_PREFIX, new Date().toISOString()]);
  }

  async status(): Promise<ChangeSourceStatus> {
    const slot = await readSlot(this.sql, this.settings.slot);
    const snapshotDone = slot ? await this.state.isDone(this.sql, this.settings.slot) : false;
    const current = slot?.currentLsn ?? (await currentWalLsn(this.sql));
    return {
      kind: this.kind,
      slot: this.settings.slot,
      exists: slot !== null,
      confirmedLsn: slot?.confirmedLsn ?? null,
      currentLsn: current,
      retainedBytes: slot?.restartLsn != null ? current - slot.restartLsn : 0n,
      lagBytes: slot?.confirmedLsn != null ? current - slot.confirmedLsn : 0n,
      snapshotDone,
    };
  }

  async dropSlot(): Promise<void> {
    const slot = await readSlot(this.sql, this.settings.slot);
    if (slot?.active) throw new Error(`replication slot ${this.settings.slot} is in use by a running capture; stop it first`);
    if (slot) await this.sql.query('SELECT pg_drop_replication_slot($1)', [this.settings.slot]);
    await this.state.ensure(this.sql);
    await this.state.clear(this.sql, this.settings.slot);
  }

  async close(): Promise<void> {
    await this.service?.destroy().catch(() => undefined);
    this.service = null;
    await this.created?.connection.end().catch(() => undefined);
    this.created = null;
    await this.sql.end().catch(() => undefined);
  }

  private sendStatus(): void {
    const service = this.service;
    if (!service || service.isStop() || this.confirmed === null) return;
    void service.acknowledge(formatLsn(this.confirmed - 1n)).catch((error: unknown) => this.logger.warn('standby status failed', { error: String(error) }));
  }

  /** After the stream closed (a drain on stop): move the slot by SQL; it may take a moment to go inactive. */
  private async advanceInactiveSlot(lsn: Lsn): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.sql.query('SELECT pg_replication_slot_advance($1, $2::pg_lsn)', [this.settings.slot, formatLsn(lsn)]);
        return;
      } catch (error) {
        const active = error instanceof Error && /is active for PID/.test(error.message);
        if (!active || attempt >= 50) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
  }
}
