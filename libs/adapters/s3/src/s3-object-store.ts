import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { validateObjectKey, type ObjectStore, type StoredObject } from '@ledgerline/cdc';
import { bareEtag, isNotFound } from './s3-errors.ts';

export interface S3ObjectStoreSettings {
  bucket: string;
  partSizeBytes: number;
  partConcurrency: number;
}

/**
 * ObjectStore on one bucket of an S3-compatible server. A PUT is atomic on S3 (readers see the
 * old object or the whole new one), and so is a completed multipart upload, so both keep the
 * port's all-or-nothing promise. ETags are S3's own: the MD5 hex of a single-part object, and
 * `<md5 of the part MD5s>-<parts>` for a multipart one (stable for the same bytes and part size),
 * the value S3's listings and notifications carry.
 */
export class S3ObjectStore implements ObjectStore {
  readonly kind = 's3';

  constructor(
    private readonly client: S3Client,
    private readonly settings: S3ObjectStoreSettings,
  ) {}

  async put(key: string, body: Uint8Array): Promise<StoredObject> {
    await this.client.send(new PutObjectCommand({ Bucket: this.settings.bucket, Key: validateObjectKey(key), Body: body }));
    return this.mustHead(key);
  }

  async putFile(key: string, path: string): Promise<StoredObject> {
    validateObjectKey(key);
    const { size } = await stat(path);
    if (size <= this.settings.partSizeBytes) {
      // One part: a plain PUT with a known length (streams need one; a multipart of one part would change the ETag form).
      await this.client.send(
        new PutObjectCommand({ Bucket: this.settings.bucket, Key: key, Body: createReadStream(path), ContentLength: size }),
      );
    } else {
      const upload = new Upload({
        client: this.client,
        params: { Bucket: this.settings.bucket, Key: key, Body: createReadStream(path) },
        partSize: this.settings.partSizeBytes,
        queueSize: this.settings.partConcurrency,
        // A failed upload aborts its parts instead of leaving them billed and invisible.
        leavePartsOnError: false,
      });
      await upload.done();
    }
    return this.mustHead(key);
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.settings.bucket, Key: validateObjectKey(key) }));
      if (!answer.Body) return Buffer.alloc(0);
      return Buffer.from(await answer.Body.transformToByteArray());
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async head(key: string): Promise<StoredObject | undefined> {
    try {
      const answer = await this.client.send(new HeadObjectCommand({ Bucket: this.settings.bucket, Key: validateObjectKey(key) }));
      return { key, size: answer.ContentLength ?? 0, etag: bareEtag(answer.ETag), lastModified: (answer.LastModified ?? new Date(0)).toISOString() };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async list(prefix: string): Promise<StoredObject[]> {
    const found: StoredObject[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.settings.bucket, Prefix: prefix, ContinuationToken: token }));
      for (const item of page.Contents ?? []) {
        if (!item.Key) continue;
        found.push({ key: item.Key, size: item.Size ?? 0, etag: bareEtag(item.ETag), lastModified: (item.LastModified ?? new Date(0)).toISOString() });
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    // S3 sorts by UTF-8 bytes; keys are ASCII (validateObjectKey), so this is the same order, made explicit.
    return found.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async move(from: string, to: string): Promise<StoredObject> {
    validateObjectKey(from);
    validateObjectKey(to);
    // S3 has no rename: copy, then delete the source. A crash between the two leaves both, never neither.
    await this.client.send(
      new CopyObjectCommand({ Bucket: this.settings.bucket, Key: to, CopySource: `${this.settings.bucket}/${from.split('/').map(encodeURIComponent).join('/')}` }),
    );
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: from }));
    return this.mustHead(to);
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: validateObjectKey(key) }));
  }

  private async mustHead(key: string): Promise<StoredObject> {
    const stored = await this.head(key);
    if (!stored) throw new Error(`s3://${this.settings.bucket}/${key} is missing right after it was written`);
    return stored;
  }
}
