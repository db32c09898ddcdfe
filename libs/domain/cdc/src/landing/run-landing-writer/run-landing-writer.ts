import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from '@ledgerline/logging';
import { decodeChangeEvent } from '../../events/change-event.ts';
import type { ObjectStore } from '../../ports/object-store.port.ts';
import type { ChangeLogBatch, ChangeLogReader, ChangeLogReading, ParquetFileWriter } from '../../ports/landing-ports.port.ts';
import { landingDate, landingFileKey, landingRow, parseLandingFileKey } from '../landing-file.ts';
import { bufferId, type PartitionBuffer } from './partition-buffer.ts';

export interface LandingWriterDeps {
  reader: ChangeLogReader;
  store: ObjectStore;
  parquet: ParquetFileWriter;
  logger: Logger;
  /** Local directory for the Parquet file before upload. */
  scratchDir: string;
  now?: () => number;
  /** Test hook: runs after an object is durable and before its offsets are committed. */
  afterUpload?: (key: string) => Promise<void>;
}

export interface LandingWriterOptions {
  topics: readonly string[];
  groupId: string;
  /** Key prefix (LandingFileKey.prefix). */
  prefix: string;
  /** A file closes this long after its first message arrived. */
  rollMs: number;
  /** ...or once its messages' values reach this many bytes. */
  rollBytes: number;
  /** How often the time roll is checked (default min(1 s, rollMs / 4)). */
  tickMs?: number;
}

export interface LandingStats {
  files: number;
  rows: number;
  rolledBy: { size: number; time: number; recovery: number; stop: number };
}

export interface LandingWriter {
  stats(): LandingStats;
  /** Lands what is buffered, commits it, then leaves the group. */
  stop(): Promise<void>;
  readonly done: Promise<void>;
}

type RollReason = keyof LandingStats['rolledBy'];

/**
 * Change topics -> Parquet files in the object store, one file per topic partition and roll.
 *
 * Ordering guarantees, per partition:
 * 1. rows are buffered in offset order from the group's committed offset;
 * 2. on a roll the file is written locally, uploaded (`putFile`: all-or-nothing), and only then
 *    is `last + 1` committed: a crash anywhere before the commit re-reads the same messages;
 * 3. the key is `<prefix>/<schema>.<table>/dt=<day of the first event>/<partition>-<first>-<last>`,
 *    and a buffer that starts where an existing object starts ends where that object ends
 *    (whatever the size/time settings now), so the retry rewrites the same key with the same rows
 *    instead of landing an overlapping second file.
 * Rolls, batches and reassignments run one at a time (one queue), so a roll never sees a buffer
 * being appended to. A message that is not a change event stops the writer with its position:
 * nothing is skipped silently.
 */
export async function runLandingWriter(deps: LandingWriterDeps, options: LandingWriterOptions): Promise<LandingWriter> {
  const now = deps.now ?? Date.now;
  const log = deps.logger.child('landing-writer');
  const buffers = new Map<string, PartitionBuffer>();
  const stats: LandingStats = { files: 0, rows: 0, rolledBy: { size: 0, time: 0, recovery: 0, stop: 0 } };
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  };
  // Set once reading started; rolls only happen after that.
  const held: { reading?: ChangeLogReading } = {};
  let markStarted!: () => void;
  const started = new Promise<void>((resolve) => (markStarted = resolve));
  let failure: unknown;

  const roll = async (buffer: PartitionBuffer, reason: RollReason): Promise<void> => {
    buffers.delete(bufferId(buffer.topic, buffer.partition));
    const next = buffer.lastOffset + 1n;
    if (buffer.rows.length > 0 && buffer.target) {
      const key = landingFileKey({ prefix: options.prefix, ...buffer.target, partition: buffer.partition, firstOffset: buffer.firstOffset, lastOffset: buffer.lastOffset });
      const path = join(deps.scratchDir, `${buffer.target.schema}.${buffer.target.table}-${buffer.partition}-${buffer.firstOffset}-${buffer.lastOffset}.parquet`);
      try {
        await deps.parquet.write(buffer.rows, path);
        const stored = await deps.store.putFile(key, path);
        log.info('landed', { key, rows: buffer.rows.length, bytes: stored.size, etag: stored.etag, rolledBy: reason });
      } finally {
        await rm(path, { force: true });
      }
      await deps.afterUpload?.(key);
      stats.files += 1;
      stats.rows += buffer.rows.length;
      stats.rolledBy[reason] += 1;
    }
    // Strictly after the object is durable: this commit is what says "landed".
    await held.reading?.commit(buffer.topic, buffer.partition, next);
  };

  /** An object an earlier run landed from this first offset but never committed. */
  const findUncommitted = async (buffer: PartitionBuffer, target: NonNullable<PartitionBuffer['target']>): Promise<bigint | undefined> => {
    const dir = `${options.prefix}/${target.schema}.${target.table}/dt=${target.dt}/${buffer.partition}-${buffer.firstOffset}-`;
    const found = (await deps.store.list(dir))
      .map((o) => parseLandingFileKey(o.key, options.prefix))
      .filter((k) => k !== undefined && k.partition === buffer.partition && k.firstOffset === buffer.firstOffset);
    if (found.length === 0) return undefined;
    const last = found.reduce((max, k) => (k && k.lastOffset > max ? k.lastOffset : max), buffer.firstOffset);
    log.info('an object from this offset exists already (landed, not committed): ending this file at its last offset', { dir, lastOffset: last.toString() });
    return last;
  };

  const append = async (batch: ChangeLogBatch): Promise<void> => {
    const id = bufferId(batch.topic, batch.partition);
    for (const message of batch.messages) {
      let buffer = buffers.get(id);
      if (buffer && message.offset <= buffer.lastOffset) continue; // a re-delivered message
      if (!buffer) {
        buffer = { topic: batch.topic, partition: batch.partition, firstOffset: message.offset, lastOffset: message.offset - 1n, rows: [], bytes: 0, openedAt: now() };
        buffers.set(id, buffer);
      }
      buffer.lastOffset = message.offset;
      if (message.value !== null) {
        const decoded = decodeChangeEvent(message.value);
        if (!decoded.ok) {
          throw new Error(`${batch.topic}[${batch.partition}]@${message.offset} is not a change event (${decoded.error}); refusing to land past it`);
        }
        const { event } = decoded;
        if (!buffer.target) {
          buffer.target = { schema: event.source.schema, table: event.source.table, dt: landingDate(event.source.ts_ms) };
          buffer.pinnedLastOffset = await findUncommitted(buffer, buffer.target);
        }
        buffer.rows.push(landingRow({ topic: batch.topic, partition: batch.partition, offset: message.offset, key: message.key }, event));
        buffer.bytes += message.value.length;
      }
      if (buffer.pinnedLastOffset !== undefined) {
        if (buffer.lastOffset >= buffer.pinnedLastOffset) await roll(buffer, 'recovery');
      } else if (buffer.bytes >= options.rollBytes) {
        await roll(buffer, 'size');
      }
    }
  };

  const rollExpired = async (): Promise<void> => {
    for (const buffer of [...buffers.values()]) {
      if (buffer.pinnedLastOffset === undefined && now() - buffer.openedAt >= options.rollMs) await roll(buffer, 'time');
    }
  };

  const activeReading = await deps.reader.read({
    topics: options.topics,
    groupId: options.groupId,
    // A batch may arrive before read() has returned the handle that commits: wait for it.
    onBatch: (batch) =>
      serial(async () => {
        await started;
        await append(batch);
      }),
    onAssignment: () => {
      // Reading restarts at the committed offsets: what is buffered comes again.
      if (buffers.size > 0) log.info('partitions reassigned; dropping uncommitted buffers', { buffers: buffers.size });
      buffers.clear();
    },
  });
  held.reading = activeReading;
  markStarted();

  const tickMs = options.tickMs ?? Math.max(10, Math.min(1_000, Math.floor(options.rollMs / 4)));
  const timer = setInterval(() => {
    serial(rollExpired).catch((error: unknown) => {
      failure ??= error;
      void activeReading.stop();
    });
  }, tickMs);

  const done = activeReading.done.then(
    () => {
      clearInterval(timer);
      if (failure) throw failure;
    },
    (error: unknown) => {
      clearInterval(timer);
      throw failure ?? error;
    },
  );
  done.catch(() => undefined);

  let stopping: Promise<void> | undefined;
  return {
    stats: () => structuredClone(stats),
    done,
    stop: () =>
      (stopping ??= (async () => {
        clearInterval(timer);
        await serial(async () => {
          // A pinned buffer may end only at its pinned offset; it is read again next start instead.
          for (const buffer of [...buffers.values()]) if (buffer.pinnedLastOffset === undefined) await roll(buffer, 'stop');
        }).catch((error: unknown) => log.warn('could not land the buffered events at stop; they are read again next start', { error }));
        await activeReading.stop();
        await done.catch(() => undefined);
      })()),
  };
}
