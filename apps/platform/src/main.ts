import { TenantRegistry } from '@app/tenancy';
import { createPlatform } from './platform';

async function main(): Promise<void> {
  const { app, settings } = await createPlatform();
  await app.listen(settings.http.PORT, settings.http.HOST);
  const tenants = app.get(TenantRegistry).list();
  const port = settings.http.PORT;
  for (const t of tenants) {
    for (const host of t.config.hosts.local ?? []) console.log(`${t.config.branding.appName}: http://${host}:${port}/`);
  }
}

main().catch((error) => {
  // A refused boot prints what is wrong (config, environment, database role) and exits non-zero.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
