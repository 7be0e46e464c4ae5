import { MetricsServer, PlatformMetrics } from '@app/observability';
import { TenantRegistry } from '@app/tenancy';
import { installGracefulShutdown } from './graceful-shutdown';
import { createPlatform } from './platform';

async function main(): Promise<void> {
  const { app, settings } = await createPlatform();
  const { PORT: port, HOST: host } = settings.http;
  const metricsPort = settings.observability.METRICS_PORT;
  const metrics = metricsPort ? await MetricsServer.listen(app.get(PlatformMetrics), metricsPort, host) : undefined;
  installGracefulShutdown(app, settings.observability.SHUTDOWN_TIMEOUT_SECONDS, async () => metrics?.close());
  await app.listen(port, host);
  const tenants = app.get(TenantRegistry).list();
  for (const t of tenants) {
    for (const h of t.config.hosts.local ?? []) console.log(`${t.config.branding.appName}: http://${h}:${port}/`);
  }
  if (metrics) console.log(`metrics: http://${host}:${metrics.port}/metrics`);
}

main().catch((error) => {
  // A refused boot prints what is wrong (config, environment, database role) and exits non-zero.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
