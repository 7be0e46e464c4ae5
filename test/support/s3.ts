import { GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

/** s3rver accepts any signature made with these. */
const KEY_ID = 'S3RVER';
const SECRET = 'S3RVER';

export interface RunningS3 {
  url: string;
  bucket: string;
  /** The platform's S3_* settings for this store. */
  env: Record<string, string>;
  /** Stops the server (the files stay on its disk): the store is "down". */
  stop(): Promise<void>;
  /** Starts it again on the same port and files. */
  start(): Promise<void>;
  /** Every key in the bucket. */
  keys(): Promise<string[]>;
  object(key: string): Promise<Buffer>;
  close(): Promise<void>;
}

/**
 * s3rver in its own Node process, run with --openssl-legacy-provider: its
 * ListObjectsV2 continuation tokens are DES-encrypted, which OpenSSL 3 only
 * offers from the legacy provider, so in this process a listing that needs a
 * second page answers 500.
 */
async function s3rverProcess(directory: string, bucket: string, port: number): Promise<{ port: number; close(): Promise<void> }> {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '--openssl-legacy-provider',
      require.resolve('s3rver/bin/s3rver.js'),
      '--directory',
      directory,
      '--address',
      '127.0.0.1',
      '--port',
      String(port),
      '--silent',
      '--configure-bucket',
      bucket,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const listening = await new Promise<number>((done, fail) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      const found = /listening on [\d.]+:(\d+)/.exec(out);
      if (found) done(Number(found[1]));
    });
    child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('exit', (code) => fail(new Error(`s3rver exited (${code}): ${out}`)));
  });
  return {
    port: listening,
    close: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A real S3-protocol server (s3rver, from npm) on a free loopback port, one bucket, files in a temp dir.
 * `ownProcess`: in a child process, where listings can span pages (see s3rverProcess).
 */
export async function startS3(bucket = 'replika-test', options: { ownProcess?: boolean } = {}): Promise<RunningS3> {
  const directory = mkdtempSync(join(tmpdir(), 'replika-s3-'));
  let port = 0;
  let server: { close(): Promise<void> } | null = null;
  const start = async () => {
    if (options.ownProcess) {
      const child = await s3rverProcess(directory, bucket, port);
      port = child.port;
      server = child;
      return;
    }
    const inProcess = new S3rver({ address: '127.0.0.1', port, silent: true, directory, configureBuckets: [{ name: bucket }] });
    port = (await inProcess.run()).port;
    server = inProcess;
  };
  const stop = async () => {
    await server?.close();
    server = null;
  };
  await start();
  const url = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    region: 'us-east-1',
    endpoint: url,
    forcePathStyle: true,
    credentials: { accessKeyId: KEY_ID, secretAccessKey: SECRET },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
  return {
    url,
    bucket,
    start,
    stop,
    env: {
      S3_ENDPOINT: url,
      S3_BUCKET: bucket,
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: KEY_ID,
      S3_SECRET_ACCESS_KEY: SECRET,
      S3_FORCE_PATH_STYLE: 'true',
    },
    async keys() {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (listed.Contents ?? []).map((o) => o.Key!).sort();
    },
    async object(key) {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return Buffer.from(await object.Body!.transformToByteArray());
    },
    async close() {
      await stop();
      client.destroy();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
