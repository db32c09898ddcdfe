import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunnableConfig } from '@langchain/core/runnables';
import { MemorySaver, type Checkpoint, type CheckpointMetadata, type CheckpointTuple } from '@langchain/langgraph';
import { z } from 'zod';

// Derived from MemorySaver, so this file depends on @langchain/langgraph only.
type CheckpointListOptions = Parameters<MemorySaver['list']>[1];
type PendingWrite = Parameters<MemorySaver['putWrites']>[1][number];

const SESSION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

// What a session file holds: MemorySaver's own storage for one thread, bytes as base64.
const fileSchema = z.object({
  version: z.literal(1),
  storage: z.record(z.string(), z.record(z.string(), z.tuple([z.string(), z.string(), z.string().nullable()]))),
  writes: z.record(z.string(), z.record(z.string(), z.tuple([z.string(), z.string(), z.string(), z.string().nullable()]))),
});
type SessionFile = z.infer<typeof fileSchema>;

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));

/**
 * Conversation memory that survives the process (issue #9: `chat --session` resumes): LangGraph's
 * MemorySaver, with each thread (= session) loaded from `<dir>/<session>.json` on first use and
 * written back atomically after every checkpoint. Only the latest `keep` checkpoints of a thread
 * are kept: the newest one already holds the whole conversation. No native dependencies.
 */
export class FileCheckpointSaver extends MemorySaver {
  private readonly loaded = new Set<string>();

  constructor(
    private readonly dir: string,
    private readonly keep = 4,
  ) {
    super();
  }

  /** Whether a session has a stored conversation. */
  hasSession(threadId: string): boolean {
    return existsSync(this.file(threadId));
  }

  override async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    this.load(config);
    return super.getTuple(config);
  }

  override async *list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    this.load(config);
    yield* super.list(config, options);
  }

  override async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata): Promise<RunnableConfig> {
    this.load(config);
    const result = await super.put(config, checkpoint, metadata);
    this.save(threadOf(config));
    return result;
  }

  override async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath?: string): Promise<void> {
    this.load(config);
    await super.putWrites(config, writes, taskId, taskPath);
    this.save(threadOf(config));
  }

  override async deleteThread(threadId: string): Promise<void> {
    await super.deleteThread(threadId);
    rmSync(this.file(threadId), { force: true });
    this.loaded.delete(threadId);
  }

  private file(threadId: string): string {
    if (!SESSION_ID.test(threadId)) throw new RangeError(`invalid session id "${threadId}"`);
    return join(this.dir, `${threadId}.json`);
  }

  private load(config: RunnableConfig): void {
    const threadId = threadOf(config);
    if (this.loaded.has(threadId)) return;
    this.loaded.add(threadId);
    const path = this.file(threadId);
    if (!existsSync(path)) return;
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!parsed.success) throw new Error(`session file ${path} is not a Ledgerline session (${parsed.error.issues[0]?.message}); delete it to start over`);
    const { storage, writes } = parsed.data;
    this.storage[threadId] = Object.fromEntries(
      Object.entries(storage).map(([ns, checkpoints]) => [
        ns,
        Object.fromEntries(Object.entries(checkpoints).map(([id, [c, m, parent]]) => [id, [bytes(c), bytes(m), parent ?? undefined]])),
      ]),
    ) as MemorySaver['storage'][string];
    for (const [key, entries] of Object.entries(writes)) {
      this.writes[key] = Object.fromEntries(
        Object.entries(entries).map(([inner, [task, channel, value, path]]) => [inner, path === null ? [task, channel, bytes(value)] : [task, channel, bytes(value), path]]),
      ) as MemorySaver['writes'][string];
    }
  }

  private save(threadId: string): void {
    const namespaces = this.storage[threadId] ?? {};
    const file: SessionFile = { version: 1, storage: {}, writes: {} };
    for (const [ns, checkpoints] of Object.entries(namespaces)) {
      // Checkpoint ids are time-ordered (uuid6): the lexically largest are the newest.
      const kept = Object.keys(checkpoints).sort().slice(-this.keep);
      file.storage[ns] = Object.fromEntries(kept.map((id) => {
        const [c, m, parent] = checkpoints[id] as [Uint8Array, Uint8Array, string | undefined];
        return [id, [b64(c), b64(m), parent ?? null]];
      }));
      for (const id of kept) {
        const key = JSON.stringify([threadId, ns, id]);
        const entries = this.writes[key];
        if (!entries) continue;
        file.writes[key] = Object.fromEntries(Object.entries(entries).map(([inner, [task, channel, value, path]]) => [inner, [task, channel, b64(value), path ?? null]]));
      }
    }
    mkdirSync(this.dir, { recursive: true });
    const path = this.file(threadId);
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(file));
    renameSync(temp, path);
  }
}

function threadOf(config: RunnableConfig): string {
  const threadId: unknown = config.configurable?.thread_id;
  if (typeof threadId !== 'string') throw new Error('a session (thread_id) is required');
  return threadId;
}
