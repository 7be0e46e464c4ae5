import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, WriteStream, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { freePort } from './free-port';
import { PROXY_HEADERS, renderNginxConfig } from './nginx-config';

const ROOT = join(__dirname, '..', '..', '..', '..');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface LocalClusterOptions {
  /** PostgreSQL shared by every instance (required: the embedded database is one process's). */
  databaseUrl: string;
  /** Shared rate-limit store; unset: the instances share PostgreSQL's. */
  redisUrl?: string;
  /** nginx's port on 127.0.0.1; 0: any free port. */
  port: number;
  instances: number;
  /** The cluster's folder: generated nginx config, logs, uploads, the S3 store's files. */
  dir: string;
  /** Extra environment for every instance (TENANTS_DIR, DATABASE_POOL_SIZE, LOG_LEVEL, ...). */
  env?: NodeJS.ProcessEnv;
  /** Seconds one instance may take to become ready. */
  bootTimeoutSeconds?: number;
}

/** One platform process: `npm start`'s main, on its own port. */
export class PlatformInstance {
  child?: ChildProcess;
  private exited?: Promise<number | null>;

  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly log: WriteStream,
  ) {}

  get running(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Starts the process and waits until /readyz answers 200. */
  async start(timeoutSeconds: number, migrate = false): Promise<void> {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', 'platform', 'src', 'main.js')], {
      cwd: ROOT,
      env: { ...this.env, PORT: String(this.port), MIGRATE_ON_BOOT: String(migrate) },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group: a Ctrl-C in the terminal reaches the runner only, which stops everything in order.
      detached: true,
    });
    this.child = child;
    child.stdout.pipe(this.log, { end: false });
    child.stderr.pipe(this.log, { end: false });
    this.exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
    const deadline = Date.now() + timeoutSeconds * 1000;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`${this.name} exited while booting (code ${child.exitCode}); see its log`);
      if ((await status(this.port, '/readyz')) === 200) return;
      await sleep(200);
    }
    throw new Error(`${this.name} was not ready within ${timeoutSeconds} s; see its log`);
  }

  /** Sends the signal and waits for the process to exit; answers its exit code. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<number | null> {
    if (!this.running) return this.child?.exitCode ?? null;
    this.child!.kill(signal);
    return this.exited!;
  }
}

/**
 * docker-compose.yml's topology from local processes: nginx (Debian's) in
 * front of N platform instances on one PostgreSQL and one Redis, and s3rver
 * (from npm) as the S3-compatible store. The first instance migrates before
 * the others start, as in the compose file.
 */
export class LocalCluster {
  readonly instances: PlatformInstance[] = [];
  private nginx?: ChildProcess;
  private s3?: ChildProcess;
  private readonly logs: WriteStream[] = [];
  url = '';
  s3Endpoint = '';

  constructor(private readonly options: LocalClusterOptions) {}

  get logDir(): string {
    return join(this.options.dir, 'logs');
  }

  async start(): Promise<void> {
    const { dir } = this.options;
    const timeout = this.options.bootTimeoutSeconds ?? 120;
    for (const sub of ['logs', 'data', 's3', 'nginx']) mkdirSync(join(dir, sub), { recursive: true });

    const s3Port = await freePort();
    this.s3Endpoint = `http://127.0.0.1:${s3Port}`;
    // --openssl-legacy-provider: s3rver's ListObjectsV2 page tokens use DES, which OpenSSL 3 keeps there (export-data lists a prefix).
    this.s3 = spawn(
      process.execPath,
      [
        '--openssl-legacy-provider',
        require.resolve('s3rver/bin/s3rver.js'),
        '--directory',
        join(dir, 's3'),
        '--address',
        '127.0.0.1',
        '--port',
        String(s3Port),
        '--silent',
        '--configure-bucket',
        'replika',
      ],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    this.pipeTo(this.s3, 's3rver.log');
    await waitFor(async () => (await status(s3Port, '/')) > 0, timeout, 's3rver');

    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: this.options.databaseUrl,
      ...(this.options.redisUrl ? { REDIS_URL: this.options.redisUrl } : {}),
      HOST: '127.0.0.1',
      TRUST_PROXY: 'true',
      // Tracking tokens and CSRF tokens are HMACs: every instance must share the secret to verify another's.
      SESSION_SECRET: process.env.SESSION_SECRET ?? randomBytes(32).toString('base64url'),
      DATA_DIR: join(dir, 'data'),
      WATCH_TENANTS: 'false',
      // s3rver accepts its own fixed credentials; read by the S3 storage driver once it is configured.
      S3_ENDPOINT: this.s3Endpoint,
      S3_BUCKET: 'replika',
      S3_REGION: 'us-east-1',
      S3_ACCESS_KEY_ID: 'S3RVER',
      S3_SECRET_ACCESS_KEY: 'S3RVER',
      S3_FORCE_PATH_STYLE: 'true',
      ...this.options.env,
    };
    for (let i = 1; i <= this.options.instances; i++) {
      this.instances.push(new PlatformInstance(`platform-${i}`, await freePort(), env, this.logFile(`platform-${i}.log`)));
    }
    // The first migrates; the others start once it is ready, so no two run migrations at once.
    await this.instances[0].start(timeout, true);
    await Promise.all(this.instances.slice(1).map((i) => i.start(timeout)));

    const port = this.options.port || (await freePort());
    const nginxDir = join(dir, 'nginx');
    writeFileSync(join(nginxDir, 'proxy_headers.conf'), PROXY_HEADERS);
    const conf = join(nginxDir, 'nginx.conf');
    writeFileSync(
      conf,
      renderNginxConfig({
        port,
        upstreamPorts: this.instances.map((i) => i.port),
        dir: nginxDir,
        accessLog: join(this.logDir, 'nginx-access.log'),
        runAsRoot: process.getuid?.() === 0,
      }),
    );
    const nginx = nginxBinary();
    this.nginx = spawn(nginx, ['-e', 'stderr', '-p', nginxDir, '-c', conf], { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    this.pipeTo(this.nginx, 'nginx.log');
    this.url = `http://127.0.0.1:${port}`;
    const started = this.nginx;
    await waitFor(
      async () => {
        if (started.exitCode !== null) throw new Error(`nginx exited (code ${started.exitCode}); see ${join(this.logDir, 'nginx.log')}`);
        return (await status(port, '/healthz')) === 200;
      },
      timeout,
      'nginx',
    );
  }

  /** Stops everything: nginx first (it finishes what is in flight), then each instance gracefully, then the S3 store. */
  async stop(): Promise<void> {
    if (this.nginx && this.nginx.exitCode === null) {
      const exited = new Promise((r) => this.nginx!.once('exit', r));
      this.nginx.kill('SIGQUIT');
      await Promise.race([exited, sleep(10_000)]);
      if (this.nginx.exitCode === null) this.nginx.kill('SIGKILL');
    }
    await Promise.all(this.instances.map((i) => i.stop('SIGTERM')));
    if (this.s3 && this.s3.exitCode === null) {
      const exited = new Promise((r) => this.s3!.once('exit', r));
      this.s3.kill('SIGTERM');
      await exited;
    }
    for (const log of this.logs) log.end();
  }

  private pipeTo(child: ChildProcess, name: string): void {
    const log = this.logFile(name);
    child.stdout!.pipe(log, { end: false });
    child.stderr!.pipe(log, { end: false });
  }

  private logFile(name: string): WriteStream {
    const stream = createWriteStream(join(this.logDir, name), { flags: 'a' });
    this.logs.push(stream);
    return stream;
  }
}

function nginxBinary(): string {
  for (const candidate of ['nginx', '/usr/sbin/nginx']) {
    if (spawnSync(candidate, ['-v']).status === 0) return candidate;
  }
  throw new Error('nginx not found: install it (Debian: apt-get install nginx)');
}

/** The status of a GET on 127.0.0.1:port, or 0 when nothing answers. */
export function status(port: number, path: string, host = 'localhost'): Promise<number> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path, headers: { host }, agent: false, timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', () => resolve(0));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

async function waitFor(check: () => Promise<boolean>, timeoutSeconds: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutSeconds * 1000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await sleep(100);
  }
  throw new Error(`${what} did not start within ${timeoutSeconds} s`);
}
