import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  changeTopic,
  reconcileLanding,
  runChangeCapture,
  runLandingWriter,
  subscriberChangeLogReader,
  type ChangeCapture,
  type ChangeLogOffsets,
  type ChangeLogReader,
  type ChangeSource,
  type LandingWriter,
  type ObjectStore,
} from '@ledgerline/cdc';
import { openLandingZoneFromEnv, type OpenedLandingZone } from '@ledgerline/composition';
import type { LedgerlineEnv } from '@ledgerline/config';
import { duckDbFromEnv } from '@ledgerline/duckdb';
import type { EventPublisher, EventSubscriber, TopicAdmin } from '@ledgerline/ingestion';
import type { Logger } from '@ledgerline/logging';
import type { ExtraStage } from './extra-stage.ts';
import type { QuiesceGate } from './quiesce-gate.ts';

const DRAIN_TIMEOUT_MS = 15_000;

export interface CdcStageDeps {
  env: LedgerlineEnv;
  logger: Logger;
  /** The trigger change log of the operational store (embedded) or any other ChangeSource. */
  source: ChangeSource;
  /** The pipeline's bus: the change topics go through it like every other stream. */
  publisher: EventPublisher;
  subscriber: EventSubscriber;
  admin: TopicAdmin;
  /** Where the landing writer's positions are committed (the operational store's stream offsets). */
  offsets: ChangeLogOffsets;
  /** Held by each warehouse cycle (dbt needs the DuckDB file to itself): loads take it too. */
  warehouseLock: QuiesceGate;
  /** The landing zone, opened at start and closed at stop (default openLandingZoneFromEnv: S3 at S3_ENDPOINT, else DATA_DIR/landing). */
  openLandingZone?: () => Promise<OpenedLandingZone>;
}

export interface CdcStageStatus {
  /** The capture's phase: starting, snapshot, streaming, stopped. */
  phase: string;
  captured: number;
  landedFiles: number;
  loadedFiles: number;
  loadedRows: number;
}

/**
 * The whole CDC pipeline inside the main job (docs/cdc.md "In the main job"): the change source
 * -> change topics on the pipeline's bus -> Parquet files in the landing zone -> a load pass
 * (the reconcile pass: list, compare with the manifest, load each file once) into the DuckDB
 * warehouse's raw.cdc_* tables, every CDC_LOAD_RECONCILE_SECONDS and once more at stop.
 * Same use cases and guarantees as the separate `cdc serve | land | load` processes.
 */
export function cdcStage(deps: CdcStageDeps): ExtraStage & { cdcStatus(): CdcStageStatus } {
  const { env, logger } = deps;
  const topics = env.CDC_TABLES.map((qualified) => {
    const [schema, table] = qualified.split('.') as [string, string];
    return changeTopic(env.CDC_TOPIC_PREFIX, schema, table);
  });
  const duckdb = duckDbFromEnv(env);
  const parquet = duckdb.parquetWriter();
  const inspector = duckdb.landingFileInspector();
  // The highest offset + 1 the landing writer has been handed, per topic partition (for the drain at stop).
  const read = new Map<string, bigint>();
  let capture: ChangeCapture | undefined;
  let writer: LandingWriter | undefined;
  let scratchDir: string | undefined;
  let zone: OpenedLandingZone | undefined;
  const openZone = deps.openLandingZone ?? (() => openLandingZoneFromEnv(env));
  /**
   * The zone the stage opened at start; a load pass run without the stage (the landing-load flow
   * from `flows run`, a backfill) opens one for the pass and closes it after.
   */
  const withLandingZone = async <T>(use: (store: ObjectStore) => Promise<T>): Promise<T> => {
    if (zone) return use(zone.store);
    const opened = await openZone();
    try {
      return await use(opened.store);
    } finally {
      await opened.close();
    }
  };
  const loaded = { files: 0, rows: 0 };

  const inner = subscriberChangeLogReader(deps.subscriber, deps.offsets, { partitions: env.CDC_TOPIC_PARTITIONS });
  const reader: ChangeLogReader = {
    read: (options) =>
      inner.read({
        ...options,
        onBatch: async (batch) => {
          await options.onBatch(batch);
          const last = batch.messages.at(-1);
          if (last) read.set(`${batch.topic}/${batch.partition}`, last.offset + 1n);
        },
      }),
  };

  /** One load pass under the warehouse lock; the DuckDB file is let go before the lock is. */
  const loadPass = (): Promise<number> =>
    deps.warehouseLock.run(async () => {
      const warehouse = duckdb.changeLogWarehouse();
      try {
        const report = await withLandingZone((store) =>
          reconcileLanding({ store, warehouse, inspector, logger }, { prefix: env.CDC_LANDING_PREFIX, quarantinePrefix: env.CDC_QUARANTINE_PREFIX }),
        );
        let rows = 0;
        for (const load of report.loads) {
          if (load.outcome === 'loaded') {
            loaded.files += 1;
            rows += load.rows;
          } else if (load.outcome === 'quarantined') {
            logger.error('a landed CDC file was quarantined', { key: load.key, reason: load.reason });
          }
        }
        loaded.rows += rows;
        if (report.failed.length > 0) throw new Error(`${report.failed.length} landed file(s) failed to load: ${report.failed[0]!.key}: ${report.failed[0]!.error}`);
        return rows;
      } finally {
        await warehouse.close();
      }
    });

  /** Waits (bounded) until the writer was handed everything the bus holds, so a stop lands it. */
  const drain = async () => {
    const deadline = Date.now() + DRAIN_TIMEOUT_MS;
    for (;;) {
      const behind = [];
      for (const topic of topics) {
        // Landed before this run (stored) or handed to the writer in it (read).
        const stored = new Map((await deps.offsets.loadOffsets(env.CDC_LANDING_GROUP_ID, topic)).map((o) => [o.partition, BigInt(o.offset)]));
        for (const end of await deps.admin.endOffsets(topic)) {
          const reached = [read.get(`${topic}/${end.partition}`), stored.get(end.partition)].reduce<bigint>((max, o) => (o !== undefined && o > max ? o : max), 0n);
          if (reached < BigInt(end.offset)) behind.push(`${topic}[${end.partition}]`);
        }
      }
      if (behind.length === 0) return;
      if (Date.now() > deadline) {
        logger.warn('CDC landing did not catch up before the stop; the rest lands at the next start', { behind });
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  const status = (): CdcStageStatus => ({ phase: capture?.stats().phase ?? 'starting', captured: capture?.stats().published ?? 0, landedFiles: writer?.stats().files ?? 0, loadedFiles: loaded.files, loadedRows: loaded.rows });

  return {
    name: 'cdc',
    // The load pass is the `landing-load` flow (the hourly `landing-reconcile` audit is flows/landing-flows.ts).
    flows: [
      {
        name: 'landing-load',
        description: `every ${env.CDC_LOAD_RECONCILE_SECONDS || 60} s: load the CDC change files that landed (${env.CDC_LANDING_PREFIX}/) into RAW, each once`,
        everySeconds: env.CDC_LOAD_RECONCILE_SECONDS || 60,
        missed: 'skip',
        retry: { limit: 1, delaySeconds: 10, backoff: false },
        timeoutSeconds: 3600,
        run: async () => ({ rows: await loadPass() }),
      },
    ],
    async start() {
      await deps.admin.ensureTopics(topics.map((name) => ({ name, partitions: env.CDC_TOPIC_PARTITIONS })));
      // The same zone the landing flows and `cdc land | load` use: with S3_ENDPOINT the main job lands in the bucket.
      zone = await openZone();
      scratchDir = await mkdtemp(join(tmpdir(), 'ledgerline-cdc-landing-'));
      writer = await runLandingWriter(
        { reader, store: zone.store, parquet, logger: logger.child('landing'), scratchDir },
        { topics, groupId: env.CDC_LANDING_GROUP_ID, prefix: env.CDC_LANDING_PREFIX, rollMs: env.CDC_LANDING_ROLL_SECONDS * 1000, rollBytes: env.CDC_LANDING_ROLL_MB * 1024 * 1024 },
      );
      writer.done.catch((error: unknown) => logger.error('CDC landing writer failed; nothing after its last landed file is committed', { error: String(error) }));
      capture = await runChangeCapture(
        { source: deps.source, publisher: deps.publisher, logger },
        { topicPrefix: env.CDC_TOPIC_PREFIX, heartbeatIntervalMs: env.CDC_HEARTBEAT_SECONDS * 1000 },
      );
      capture.done.catch(() => undefined); // logged by the use case; the other stages go on
      logger.info('CDC stage started', { source: deps.source.kind, topics, landing: `${zone.description} under ${env.CDC_LANDING_PREFIX}/` });
    },
    async stop() {
      await capture?.stop();
      if (writer) {
        await drain();
        await writer.stop();
      }
      if (zone) await loadPass().catch((error: unknown) => logger.error('final CDC load pass failed; the next start loads what is missing', { error: String(error) }));
      const opened = zone;
      zone = undefined; // a later pass (a flow run after stop) opens its own
      await opened?.close().catch(() => undefined);
      await parquet.close().catch(() => undefined);
      await inspector.close().catch(() => undefined);
      if (scratchDir) await rm(scratchDir, { recursive: true, force: true });
      logger.info('CDC stage stopped', { ...status() });
    },
    cdcStatus: status,
  };
}
