import { token } from '@ledgerline/di';
import type { LandingRow } from '../landing/landing-file.ts';

/** Writes landing rows, in the given order, as one Parquet file with LANDING_COLUMNS (DuckDB COPY). */
export interface ParquetFileWriter {
  write(rows: readonly LandingRow[], path: string): Promise<void>;
  close(): Promise<void>;
}

export const PARQUET_FILE_WRITER = token<ParquetFileWriter>('ParquetFileWriter');

/** One Kafka message of a change topic, as the landing writer needs it. */
export interface ChangeLogMessage {
  offset: bigint;
  key: string | null;
  /** null for a tombstone. */
  value: Buffer | null;
}

export interface ChangeLogBatch {
  topic: string;
  partition: number;
  messages: readonly ChangeLogMessage[];
}

export interface ChangeLogReadOptions {
  topics: readonly string[];
  groupId: string;
  /** Called for each fetched batch, in offset order per partition; awaited before the next one of any partition. */
  onBatch(batch: ChangeLogBatch): Promise<void>;
  /**
   * Partitions were (re)assigned: reading restarts at the group's committed offsets, so whatever
   * the caller buffered but did not commit will be delivered again and must be dropped.
   */
  onAssignment(): void;
}

export interface ChangeLogReading {
  /**
   * Commits `nextOffset` (last landed + 1) for one partition in the group. Resolves only once the
   * broker has it; the caller calls it strictly after the data up to there is durable.
   */
  commit(topic: string, partition: number, nextOffset: bigint): Promise<void>;
  stop(): Promise<void>;
  /** Settles when reading ends: after stop(), or rejected on a failure (onBatch threw, the consumer crashed). */
  readonly done: Promise<void>;
}

/** A consumer group on the change topics whose offsets move only when the caller commits them. */
export interface ChangeLogReader {
  read(options: ChangeLogReadOptions): Promise<ChangeLogReading>;
}

export const CHANGE_LOG_READER = token<ChangeLogReader>('ChangeLogReader');
