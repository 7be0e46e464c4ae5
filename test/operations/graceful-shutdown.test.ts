import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Client } from 'pg';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { FeedJson } from '../support/api';

const ROOT = join(__dirname, '..', '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Whether a new TCP connection to the port is accepted. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("graceful shutdown of the platform process (npm start's main)", () => {
  let db: TestDatabase;
  let child: ChildProcess;
  let port: number;
  let output = '';

  before(async () => {
    db = await createTestDatabase();
    port = await freePort();
    child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'platform', 'src', 'main.js')], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        DATABASE_URL: db.url,
        PORT: String(port),
        HOST: '127.0.0.1',
        TENANTS_DIR: join(ROOT, 'tenants'),
        DATA_DIR: mkdtempSync(join(tmpdir(), 'replika-')),
        WATCH_TENANTS: 'false',
        LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c) => (output += c));
    child.stderr!.on('data', (c) => (output += c));
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && child.exitCode === null) {
      if (
        await request(`http://127.0.0.1:${port}`, '/healthz', { host: 'x' }).then(
          (r) => r.status === 200,
          () => false,
        )
      )
        return;
      await sleep(300);
    }
    throw new Error(`the platform did not start:\n${output}`);
  });
  after(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await db?.drop();
  });

  test('SIGTERM: no new connections, the slow request in flight completes, then the process exits 0', async () => {
    // Make the feed slow: its query waits on a lock this test holds.
    const owner = new Client({ connectionString: db.url });
    await owner.connect();
    await owner.query('BEGIN');
    await owner.query('LOCK TABLE reports IN ACCESS EXCLUSIVE MODE');
    const inFlight = request(`http://127.0.0.1:${port}`, '/api/reports', { host: 'jakarta.localhost' });
    // Watched from another session: pg_stat_activity is a snapshot within the locking transaction.
    const watcher = new Client({ connectionString: db.url });
    await watcher.connect();
    const waiting = async () =>
      (
        await watcher.query<{ n: number }>(
          // Not by query text: pg_stat_activity cuts it at track_activity_query_size, before the feed's FROM clause.
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND usename = 'replika_app'`,
        )
      ).rows[0].n;
    for (let i = 0; i < 100 && (await waiting()) === 0; i++) await sleep(100);
    // At least the feed request (the escalation job may be waiting on the same lock too).
    assert.ok((await waiting()) >= 1, 'the request is in flight, waiting on the lock');
    await watcher.end();

    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    let refused = false;
    for (let i = 0; i < 50 && !refused; i++) {
      refused = !(await accepts(port));
      if (!refused) await sleep(100);
    }
    assert.ok(refused, 'new connections are refused once the shutdown begins');
    assert.equal(child.exitCode, null, 'still running: it waits for the request in flight');

    await sleep(1000);
    await owner.query('COMMIT');
    await owner.end();
    const response = await inFlight;
    assert.equal(response.status, 200);
    assert.deepEqual(response.json<FeedJson>().items, []);
    const code = await Promise.race([exited, sleep(20_000).then(() => 'timeout')]);
    assert.equal(code, 0, output);
  });
});
