import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  paginateListObjectsV2,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { StorageUnavailableError } from '../media-error';
import { assertStorageKey, assertStoragePrefix, isStorageKey, MediaStorage } from './media-storage';

export interface S3StorageOptions {
  bucket: string;
  region: string;
  /** Any S3-compatible store (MinIO, Garage, Ceph, s3rver); unset: AWS itself. */
  endpoint?: string;
  /** Unset: the SDK's default chain (environment, instance or task role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** `<endpoint>/<bucket>/<key>` instead of `<bucket>.<endpoint>/<key>`: most self-hosted stores want it. */
  forcePathStyle: boolean;
  /** Keys per ListObjectsV2 page (S3's most is 1000, the default); the tests use a small one to cross pages. */
  listPageSize?: number;
}

/**
 * Files in one S3-compatible bucket, keyed `<tenant>/...` like on disk. The
 * bucket stays private (objects are written without an ACL and no URL of
 * the bucket is ever handed out): every file is read back through the
 * platform's own routes, which decide who may see it.
 */
export class S3Storage extends MediaStorage {
  readonly driver = 's3';
  private readonly client: S3Client;

  constructor(private readonly options: S3StorageOptions) {
    super();
    this.client = new S3Client({
      region: options.region,
      endpoint: options.endpoint,
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      // A store that is down must fail the request quickly (503), not hold it for the SDK's default retries.
      maxAttempts: 2,
      requestHandler: { connectionTimeout: 2000, requestTimeout: 10_000 },
      // Checksums only where S3 requires them: several S3-compatible stores refuse the newer default trailers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, data: Buffer, contentType = 'application/octet-stream'): Promise<void> {
    assertStorageKey(key);
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.options.bucket, Key: key, Body: data, ContentType: contentType }));
    } catch (error) {
      throw new StorageUnavailableError('put', key, error);
    }
  }

  async get(key: string): Promise<Buffer | null> {
    if (!isStorageKey(key)) return null;
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.options.bucket, Key: key }));
      return object.Body ? Buffer.from(await object.Body.transformToByteArray()) : null;
    } catch (error) {
      if (isMissing(error)) return null;
      throw new StorageUnavailableError('get', key, error);
    }
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    try {
      // S3 answers 204 for a key that is not there as well: deleting twice is fine.
      await this.client.send(new DeleteObjectCommand({ Bucket: this.options.bucket, Key: key }));
    } catch (error) {
      throw new StorageUnavailableError('delete', key, error);
    }
  }

  async check(): Promise<void> {
    await this.client.send(new HeadBucketCommand({ Bucket: this.options.bucket }));
  }

  async *list(prefix: string): AsyncIterable<string> {
    // The trailing slash: `jakarta` must not list `jakarta-barat/...`.
    const pages = paginateListObjectsV2(
      { client: this.client, pageSize: this.options.listPageSize ?? 1000 },
      { Bucket: this.options.bucket, Prefix: `${assertStoragePrefix(prefix)}/` },
    );
    try {
      for await (const page of pages) {
        for (const object of page.Contents ?? []) if (object.Key && isStorageKey(object.Key)) yield object.Key;
      }
    } catch (error) {
      throw new StorageUnavailableError('list', prefix, error);
    }
  }

  /** Lets go of the SDK's sockets at shutdown. */
  destroy(): void {
    this.client.destroy();
  }
}

function isMissing(error: unknown): boolean {
  if (!(error instanceof S3ServiceException) || error.name === 'NoSuchBucket') return false;
  return error.name === 'NoSuchKey' || error.name === 'NotFound' || error.$metadata?.httpStatusCode === 404;
}
