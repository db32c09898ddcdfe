import { token } from '@ledgerline/di';

/** What a store knows about one object (S3's ListObjectsV2/HeadObject fields). */
export interface StoredObject {
  key: string;
  size: number;
  /**
   * Content fingerprint as S3 gives it (quotes removed): the MD5 hex of a single-part object;
   * `<md5 of the parts' MD5s>-<parts>` for a multipart upload (the same bytes and part size give
   * the same value). The local directory store always uses the MD5 hex.
   */
  etag: string;
  lastModified: string;
}

/**
 * A flat key -> bytes store: a local directory (embedded default) or any S3-compatible server.
 * Generic on purpose (the landing zone, market data backfills): keys are `a/b/c.ext` paths.
 *
 * `put` is all-or-nothing: a reader sees the previous object or the complete new one, never a
 * part; the same key again replaces it (what makes a retried landing write idempotent).
 */
export interface ObjectStore {
  readonly kind: string;
  put(key: string, body: Uint8Array): Promise<StoredObject>;
  /** Uploads a local file (large files stream; S3 uses multipart). */
  putFile(key: string, path: string): Promise<StoredObject>;
  /** The object's bytes, or undefined when there is none. */
  get(key: string): Promise<Buffer | undefined>;
  head(key: string): Promise<StoredObject | undefined>;
  /** Every object whose key starts with `prefix`, sorted by key. */
  list(prefix: string): Promise<StoredObject[]>;
  /** Moves an object to another key (quarantine); the source is gone afterwards. */
  move(from: string, to: string): Promise<StoredObject>;
  delete(key: string): Promise<void>;
}

export const OBJECT_STORE = token<ObjectStore>('ObjectStore');

const KEY = /^[A-Za-z0-9_=.-]+(\/[A-Za-z0-9_=.-]+)*$/;

/**
 * Refuses keys that would mean different things to different stores: empty, absolute, `..`
 * segments (a directory store would leave its root), or characters outside a portable set.
 */
export function validateObjectKey(key: string): string {
  if (key.length === 0 || key.length > 1024) throw new Error(`object key must be 1-1024 characters: ${JSON.stringify(key)}`);
  if (!KEY.test(key) || key.split('/').some((part) => part === '.' || part === '..')) {
    throw new Error(`object key ${JSON.stringify(key)} must be path segments of [A-Za-z0-9_=.-] with no . or .. segments`);
  }
  return key;
}
