import { performance } from 'node:perf_hooks';

/** What a server child reports to the orchestrator once it listens. */
export interface ReadyMessage {
  type: 'ready';
  port: number;
  /** Milliseconds since the process started (performance.timeOrigin) at each boot phase. */
  phases: Record<string, number>;
  /** process.memoryUsage().heapUsed after boot, after a forced gc when --expose-gc is on. */
  heapUsed: number;
  /** Extra measurements a server takes after boot (the tenant-scale profile). */
  profile?: Record<string, number>;
}

export interface ErrorMessage {
  type: 'error';
  message: string;
}

export interface CpuMessage {
  type: 'cpu';
  usage: NodeJS.CpuUsage;
}

export interface ServerHandle {
  port: number;
  close(): Promise<void>;
  profile?: () => Promise<Record<string, number>>;
}

/**
 * Runs a server in this (child) process: starts it, tells the parent where it
 * listens, and exits when the parent goes away or asks it to stop. A child
 * never outlives its orchestrator.
 */
export function serve(start: (mark: (phase: string) => void) => Promise<ServerHandle>): void {
  const phases: Record<string, number> = {};
  const mark = (phase: string) => (phases[phase] = performance.now());
  let handle: ServerHandle | undefined;
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    const timer = setTimeout(() => process.exit(code), 2000);
    timer.unref();
    await handle?.close().catch(() => undefined);
    process.exit(code);
  };
  process.on('disconnect', () => void stop(0));
  // The orchestrator samples this process's CPU time around a measurement: CPU per request is steadier than req/s on a shared machine.
  process.on('message', (m: { type?: string }) => {
    if (m?.type === 'cpu') process.send?.({ type: 'cpu', usage: process.cpuUsage() } satisfies CpuMessage);
  });
  process.on('SIGTERM', () => void stop(0));
  process.on('SIGINT', () => void stop(0));

  (async () => {
    mark('imported');
    handle = await start(mark);
    mark('listening');
    const gc = (globalThis as { gc?: () => void }).gc;
    if (gc) {
      gc();
      gc();
    }
    const heapUsed = process.memoryUsage().heapUsed;
    const profile = handle.profile ? await handle.profile() : undefined;
    const message: ReadyMessage = { type: 'ready', port: handle.port, phases, heapUsed, profile };
    process.send?.(message);
  })().catch((error: unknown) => {
    const message: ErrorMessage = { type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
    process.send?.(message);
    void stop(1);
  });
}

/** The port an HTTP server listens on. */
export function portOf(server: { address(): unknown }): number {
  return (server.address() as { port: number }).port;
}
