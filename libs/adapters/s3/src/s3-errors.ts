/** True for S3's "no such object/bucket" answers (GetObject says NoSuchKey, HeadObject only 404). */
export function isNotFound(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const { name, $metadata } = error as { name?: unknown; $metadata?: { httpStatusCode?: number } };
  return name === 'NoSuchKey' || name === 'NotFound' || name === 'NoSuchBucket' || $metadata?.httpStatusCode === 404;
}

/** S3 quotes ETags (`"abc..."`); the port's etag is the bare value. */
export function bareEtag(etag: string | undefined): string {
  if (!etag) throw new Error('S3 answered without an ETag');
  return etag.replace(/^(W\/)?"|"$/g, '');
}
