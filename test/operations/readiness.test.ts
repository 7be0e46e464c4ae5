import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { RunningPlatform, startPlatform } from '../support/platform';
import { redisAvailable, RunningRedis, startRedis } from '../support/redis';
import { ReadyJson } from '../support/api';

const readyz = (platform: RunningPlatform) => request(platform.url, '/readyz', { host: 'probe.example' });

describe('/readyz checks the file store, and Redis when REDIS_URL is set', () => {
  let db: TestDatabase;
  let redis: RunningRedis | undefined;
  let platform: RunningPlatform;
  const dataDir = mkdtempSync(join(tmpdir(), 'replika-ready-'));

  before(async () => {
    db = await createTestDatabase();
    redis = redisAvailable() ? await startRedis() : undefined;
    platform = await startPlatform({
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      JOB_WORKERS: 'false',
      ...(redis ? { REDIS_URL: redis.url } : {}),
    });
  });
  after(async () => {
    await platform?.close();
    await redis?.stop();
    await db?.drop();
  });

  test('everything up: 200, each dependency named', async () => {
    const ready = await readyz(platform);
    assert.equal(ready.status, 200);
    assert.deepEqual(ready.json(), { status: 'ok', checks: { database: 'up', storage: 'up', ...(redis ? { redis: 'up' } : {}) } });
  });

  test('the local file store cannot be written: not ready, storage down; ready again once it can', async () => {
    const uploads = join(dataDir, 'uploads');
    rmSync(uploads, { recursive: true, force: true });
    // A file where the uploads folder should be: nothing can be stored (root ignores permission bits, not this).
    writeFileSync(uploads, 'not a folder');
    try {
      const ready = await readyz(platform);
      assert.equal(ready.status, 503);
      assert.equal(ready.json<ReadyJson>().checks.storage, 'down');
      assert.equal(ready.json<ReadyJson>().checks.database, 'up');
    } finally {
      rmSync(uploads, { force: true });
    }
    assert.equal((await readyz(platform)).status, 200);
  });

  test(
    'Redis stopped: not ready, redis down, the rest up',
    { skip: redisAvailable() ? false : 'redis-server is not installed' },
    async () => {
      await redis!.stop();
      const ready = await readyz(platform);
      assert.equal(ready.status, 503);
      assert.deepEqual(ready.json<ReadyJson>().checks, { database: 'up', storage: 'up', redis: 'down' });
    },
  );
});
