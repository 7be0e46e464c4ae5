import { ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CpuMessage, ErrorMessage, ReadyMessage } from './servers/child';

const ROOT = join(__dirname, '..', '..');
const live = new Set<ChildProcess>();
const tempDirs = new Set<string>();

export interface RunningServer {
  ready: ReadyMessage;
  /** The child's process.cpuUsage() (user + system microseconds). */
  cpu(): Promise<NodeJS.CpuUsage>;
  stop(): Promise<void>;
}

/** A temp folder removed by cleanup(), even on error. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

/**
 * Forks dist/bench/servers/<name>.js with --expose-gc and
 * waits (at most `timeoutMs`) for it to listen. The child exits by itself if
 * this process goes away (IPC disconnect).
 */
export function startServer(name: string, env: Record<string, string> = {}, timeoutMs = 60_000): Promise<RunningServer> {
  const dataDir = tempDir('replika-bench-data-');
  const child = fork(join(__dirname, 'servers', `${name}.js`), [], {
    cwd: ROOT,
    // BENCH_CHILD_ARGS: extra node flags for every server child, e.g. '--cpu-prof --cpu-prof-dir=/tmp/prof'.
    execArgv: ['--expose-gc', ...(process.env.BENCH_CHILD_ARGS?.split(' ').filter(Boolean) ?? [])],
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', BENCH_DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  live.add(child);
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  void exited.then(() => live.delete(child));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
    tempDirs.delete(dataDir);
  };

  return new Promise<RunningServer>((resolve, reject) => {
    let settled = false;
    const fail = (why: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop().finally(() => reject(new Error(`${name}: ${why}${stderr ? `\n${stderr}` : ''}`)));
    };
    const timer = setTimeout(() => fail(`not listening after ${timeoutMs} ms`), timeoutMs);
    const cpu = () =>
      new Promise<NodeJS.CpuUsage>((resolveCpu, rejectCpu) => {
        const onMessage = (m: CpuMessage) => {
          if (m.type !== 'cpu') return;
          clearTimeout(cpuTimer);
          child.off('message', onMessage);
          resolveCpu(m.usage);
        };
        const cpuTimer = setTimeout(() => {
          child.off('message', onMessage);
          rejectCpu(new Error(`${name}: no CPU sample`));
        }, 5000);
        child.on('message', onMessage);
        child.send({ type: 'cpu' });
      });
    child.on('message', (m: ReadyMessage | ErrorMessage | CpuMessage) => {
      if (m.type === 'cpu') return;
      if (m.type === 'error') return fail(m.message);
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ ready: m, cpu, stop });
    });
    child.once('exit', (code, signal) => fail(`exited before listening (code ${code}, signal ${signal})`));
  });
}

/** Kills every child still running and removes the temp folders: for the finally block and signal handlers. */
export function cleanup(): void {
  for (const child of live) {
    try {
      child.kill('SIGKILL');
    } catch {
      /* already gone */
    }
  }
  live.clear();
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

export function liveChildren(): number {
  return live.size;
}
