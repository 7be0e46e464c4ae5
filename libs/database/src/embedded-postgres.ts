import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync } from 'node:fs';
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
  private constructor(private readonly db: PGlite, private readonly server: PGLiteSocketServer, readonly port: number) {}

  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const dir = resolve(dataDir, 'pglite');
    mkdirSync(dir, { recursive: true });
    const db = await PGlite.create(dir);
    const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 2 });
    await server.start();
    const port = ((server as unknown as { server: { address(): AddressInfo } }).server.address()).port;
    return new EmbeddedPostgres(db, server, port);
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
