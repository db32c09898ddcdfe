import type { EntityManager } from 'typeorm';
import type { UpsertResult } from '@ledgerline/ingestion';
import { silentLogger, type Logger } from '@ledgerline/logging';
import { copyInsert } from './copy-insert.ts';
import type { UpsertSpec } from './upsert-specs.ts';

/**
 * Decides when an upsert first tries COPY (copy-insert.ts) and runs that attempt in a savepoint.
 *
 * A failed attempt costs the rows copied before the failure, so after one the next `backoffCalls`
 * upserts go straight to INSERT ... ON CONFLICT: conflicts come in runs (a redelivered stream batch,
 * an update feed, a re-sent file), and one predicts the next few. One gate per store, shared by its
 * transactions.
 */
export class CopyFastPath {
  private skip = 0;
  private attempts = 0;
  private fallbacks = 0;

  constructor(
    private readonly logger: Logger = silentLogger,
    private readonly backoffCalls = 16,
  ) {}

  /** Counters for tests and diagnostics: attempts made and how many fell back. */
  get stats(): { attempts: number; fallbacks: number } {
    return { attempts: this.attempts, fallbacks: this.fallbacks };
  }

  /**
   * The upsert's result when COPY stored every row, else undefined (nothing of the attempt
   * remains, and the caller upserts as usual). `manager` must be inside a transaction. Callers ask
   * shouldTry() first.
   */
  /** Whether this upsert call may try COPY; a call during the back-off uses one of its skips. */
  shouldTry(): boolean {
    if (this.skip === 0) return true;
    this.skip -= 1;
    return false;
  }

  async tryInsert<Row>(manager: EntityManager, spec: UpsertSpec<Row>, statements: readonly Row[][], ingestedAt: Date | undefined): Promise<UpsertResult | undefined> {
    this.attempts += 1;
    await manager.query('SAVEPOINT ledgerline_copy');
    try {
      const result = await copyInsert(manager, spec, statements, ingestedAt);
      await manager.query('RELEASE SAVEPOINT ledgerline_copy');
      return result;
    } catch (copyError) {
      try {
        await manager.query('ROLLBACK TO SAVEPOINT ledgerline_copy');
        await manager.query('RELEASE SAVEPOINT ledgerline_copy');
      } catch {
        // The connection itself failed: that, not the rollback, is the error to report.
        throw copyError;
      }
      this.fallbacks += 1;
      this.skip = this.backoffCalls;
      // Expected for redeliveries and updates; debug only, the INSERT path reports real problems.
      this.logger.debug('COPY refused; upserting with INSERT ... ON CONFLICT', {
        table: spec.table,
        error: copyError instanceof Error ? copyError.message : String(copyError),
        skip_next_calls: this.backoffCalls,
      });
      return undefined;
    }
  }
}
