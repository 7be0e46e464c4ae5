import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

/**
 * PostgreSQL without a server: PGlite, persisted under the data folder and
 * served on a loopback port so that the ordinary `pg` driver and the same
 * code path as production talk to it. PGlite has one session: the
 * application's pool in front of it is sized 1, which queues transactions
 * instead of interleaving them. The server admits a second connection only so
 * that the migration connection's teardown may overlap the application's
 * first connect (it closes asynchronously).
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly port: number,
    private readonly lock: string,
  ) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const dir = resolve(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    const lock = acquireLock(`${dir}.lock`);
    try {
      const db = await PGlite.create(dir);
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 2 });
      await server.start();
      const port = (server as unknown as { server: { address(): AddressInfo } }).server.address().port;
      return new EmbeddedPostgres(db, server, port, lock);
    } catch (error) {
      releaseLock(lock);
      throw error;
    }
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async stop(): Promise<void> {
    try {
      await this.server.stop();
      await this.db.close();
    } finally {
      releaseLock(this.lock);
    }
  }
}

/** Opening the embedded database while another process has it open (say, the CLI while the platform runs). */
export class EmbeddedDatabaseBusyError extends Error {}

/**
 * PGlite's files may be opened by one process at a time: two would corrupt
 * them. A lock file beside the folder holds the owner's pid; one left by a
 * process that is gone (a crash) is taken over. The same process may take
 * its own lock again (a test that reopens after a failed close).
 */
function acquireLock(path: string): string {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return path;
    } catch (error) {
      if ((error as { code?: string }).code !== 'EEXIST') throw error;
      const pid = Number(readFileSync(path, 'utf8').trim());
      if (Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid)) {
        throw new EmbeddedDatabaseBusyError(
          `the embedded database in ${path.replace(/\.lock$/, '')} is in use by process ${pid} (a running platform?): ` +
            'stop it first, or set DATABASE_URL to a PostgreSQL server that both can share',
        );
      }
      unlinkSync(path);
    }
  }
  throw new EmbeddedDatabaseBusyError(`could not lock ${path}`);
}

function releaseLock(path: string): void {
  try {
    if (readFileSync(path, 'utf8').trim() === String(process.pid)) unlinkSync(path);
  } catch {
    // Already gone.
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as { code?: string }).code === 'EPERM';
  }
}
