import { token } from '@ledgerline/di';

/** A file waiting in a folder, as the store lists it. */
export interface StoredFile {
  /** Full path, as handed back to the other FileStore methods. */
  path: string;
  /** Base name, for messages and reports. */
  name: string;
  size: number;
  /** Last modification time (epoch ms): with `size`, how a watcher tells a file is still being written. */
  modifiedMs: number;
}

/** A running folder watch; `close` stops the callbacks. */
export interface FolderWatch {
  close(): void;
}

/** Where and why a file was set aside: written next to it as `<name>.error.json`. */
export interface QuarantineReport {
  line: number;
  column?: string;
  reason: string;
  [key: string]: unknown;
}

/**
 * The file-system steps of batch ingestion and statement generation (architecture §1: implemented
 * in @ledgerline/files). Folders are passed in, so the same store serves incoming/, processed/,
 * quarantine/ and any output folder. Implementations never overwrite a file by moving another
 * onto it, and write atomically so a half-written file is never listed.
 */
export interface FileStore {
  /**
   * Regular files in `dir` (not recursive), sorted by name, without hidden files and the temp
   * files of `writeAtomic`. A missing folder lists as empty.
   */
  list(dir: string): Promise<StoredFile[]>;
  /** The file's bytes in chunks, in constant memory. */
  readChunks(path: string): AsyncIterable<Uint8Array>;
  /** At most the first `maxBytes` bytes (fewer for a shorter file). */
  readHead(path: string, maxBytes: number): Promise<Uint8Array>;
  /** At most the last `maxBytes` bytes (the whole file when shorter): how a watcher tells a file is finished. */
  readTail(path: string, maxBytes: number): Promise<Uint8Array>;
  /** The file as `list` would show it now, or undefined when it is gone. */
  stat(path: string): Promise<StoredFile | undefined>;
  /** The whole file; for formats that cannot be streamed (PDF). */
  readAll(path: string): Promise<Uint8Array>;
  /** Lowercase hex sha256 of the file's bytes, streamed. */
  sha256(path: string): Promise<string>;
  /** Moves the file into `dir` (created if missing) and returns the new path; a taken name gets a suffix. */
  move(path: string, dir: string): Promise<string>;
  /** Moves the file into `dir` and writes `<name>.error.json` beside it. */
  quarantine(path: string, dir: string, report: QuarantineReport): Promise<{ path: string; reportPath: string }>;
  /** Writes `dir/name` via a temp file and a rename; returns the path written. */
  writeAtomic(dir: string, name: string, data: string | Uint8Array): Promise<string>;
  /**
   * Calls `onChange` (without details: the caller rescans) whenever something in `dir` may have
   * changed. Best effort, as file-system events are: callers also rescan periodically.
   */
  watch(dir: string, onChange: () => void): FolderWatch;
}

export const FILE_STORE = token<FileStore>('FileStore');
