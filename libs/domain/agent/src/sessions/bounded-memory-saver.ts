import type { RunnableConfig } from '@langchain/core/runnables';
import { MemorySaver, type Checkpoint, type CheckpointMetadata, type CheckpointTuple } from '@langchain/langgraph';

export interface SessionBounds {
  /** Checkpoints kept per session: the newest already holds the whole (trimmed) conversation. */
  readonly checkpointsPerSession: number;
  /** Sessions kept; the least recently used one is dropped first. */
  readonly maxSessions: number;
  /** A session untouched this long is dropped. */
  readonly ttlMs: number;
}

export const DEFAULT_SESSION_BOUNDS: SessionBounds = { checkpointsPerSession: 2, maxSessions: 200, ttlMs: 60 * 60_000 };

/**
 * In-process conversation memory with bounds (issue #20: LangGraph's MemorySaver keeps every
 * checkpoint of every step of every session, 500 turns took a process from 242 MB to 2.4 GB).
 * Per session only the newest checkpoints stay; sessions are dropped least recently used first
 * and after a TTL. The length of one conversation is bounded by the graph (maxTurnsKept).
 */
export class BoundedMemorySaver extends MemorySaver {
  /** Session -> last use; a Map iterates in insertion order, so re-inserting keeps it LRU-ordered. */
  private readonly lastUsed = new Map<string, number>();

  constructor(
    private readonly bounds: SessionBounds = DEFAULT_SESSION_BOUNDS,
    private readonly now: () => number = Date.now,
  ) {
    super();
    for (const [name, value] of Object.entries(bounds)) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`session bound ${name} must be a positive integer (got ${value})`);
    }
  }

  /** Sessions held now (after dropping expired ones). */
  sessionCount(): number {
    this.dropExpired();
    return this.lastUsed.size;
  }

  /** Checkpoints held for one session. */
  checkpointCount(threadId: string): number {
    return Object.values(this.storage[threadId] ?? {}).reduce((n, checkpoints) => n + Object.keys(checkpoints).length, 0);
  }

  override async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    this.dropExpired();
    return super.getTuple(config);
  }

  override async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata): Promise<RunnableConfig> {
    const result = await super.put(config, checkpoint, metadata);
    const threadId = threadOf(config);
    this.touch(threadId);
    this.pruneCheckpoints(threadId);
    await this.dropOverflow();
    return result;
  }

  override async deleteThread(threadId: string): Promise<void> {
    this.lastUsed.delete(threadId);
    await super.deleteThread(threadId);
  }

  private touch(threadId: string): void {
    this.lastUsed.delete(threadId);
    this.lastUsed.set(threadId, this.now());
  }

  private pruneCheckpoints(threadId: string): void {
    for (const [ns, checkpoints] of Object.entries(this.storage[threadId] ?? {})) {
      // Checkpoint ids are time-ordered (uuid6): the lexically largest are the newest.
      const old = Object.keys(checkpoints).sort().slice(0, -this.bounds.checkpointsPerSession);
      for (const id of old) {
        delete checkpoints[id];
        delete this.writes[JSON.stringify([threadId, ns, id])];
      }
    }
  }

  private dropExpired(): void {
    const cutoff = this.now() - this.bounds.ttlMs;
    for (const [threadId, at] of this.lastUsed) {
      if (at >= cutoff) break; // LRU order: the rest are newer
      void this.deleteThread(threadId);
    }
  }

  private async dropOverflow(): Promise<void> {
    this.dropExpired();
    while (this.lastUsed.size > this.bounds.maxSessions) {
      const oldest = this.lastUsed.keys().next().value as string;
      await this.deleteThread(oldest);
    }
  }
}

function threadOf(config: RunnableConfig): string {
  const threadId: unknown = config.configurable?.thread_id;
  if (typeof threadId !== 'string') throw new Error('a session (thread_id) is required');
  return threadId;
}
