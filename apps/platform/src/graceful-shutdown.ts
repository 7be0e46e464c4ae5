import { Logger } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { JobQueue } from '@app/jobs';
import { HealthService } from '@app/observability';

/**
 * On SIGTERM (docker stop, a rolling restart) or SIGINT: readiness answers
 * 503 at once, the server stops accepting connections and lets the requests
 * in flight finish (idle keep-alive connections are closed, a request arriving
 * on a busy one gets 503 and `Connection: close`), then the job workers stop
 * and their running jobs finish, then the database closes and the process
 * exits 0. Past `timeoutSeconds` it exits 1 anyway (the orchestrator's own
 * kill would come soon after; jobs not finished are retried elsewhere).
 */
export function installGracefulShutdown(
  app: NestFastifyApplication,
  timeoutSeconds: number,
  extra: () => Promise<void> = async () => {},
): void {
  const logger = new Logger('Shutdown');
  let started = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (started) return;
    started = true;
    const deadline = Date.now() + timeoutSeconds * 1000;
    setTimeout(() => {
      logger.error(`still draining after ${timeoutSeconds} s: exiting`);
      process.exit(1);
    }, timeoutSeconds * 1000).unref();
    logger.log(`${signal}: draining requests and jobs`);
    app.get(HealthService).markShuttingDown();
    await app.getHttpAdapter().getInstance().close();
    await app.get(JobQueue).stop(Math.max(1000, deadline - Date.now() - 1000));
    await extra();
    await app.close();
    logger.log('stopped');
    process.exit(0);
  };
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(
      signal,
      () =>
        void shutdown(signal).catch((error) => {
          logger.error(`shutdown failed: ${error instanceof Error ? error.message : error}`);
          process.exit(1);
        }),
    );
  }
}
