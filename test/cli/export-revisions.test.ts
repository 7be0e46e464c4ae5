import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigRevisionRepository } from '@app/revisions';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { createTestDatabase } from '../support/database';
import { startPlatform } from '../support/platform';
import { tenantCli, tenantsCopy, yamlConfig } from './cli-runner';

test("export --with-revisions writes the folders plus the admin's latest revision; without it, the folders alone", async (t) => {
  const db = await createTestDatabase();
  t.after(() => db.drop());
  const dir = tenantsCopy(t);
  // An admin's change, stored as the platform stores it.
  const platform = await startPlatform({ DATABASE_URL: db.url, TENANTS_DIR: dir, WATCH_TENANTS: 'false' });
  try {
    const lampung = platform.app.get(TenantRegistry).getOrThrow('lampung');
    await platform.app
      .get(TenantContext)
      .run(lampung, () =>
        platform.app.get(ConfigRevisionRepository).append({ branding: { appName: 'Lampung Maju' } }, 'admin@lampung.test', 'Ganti nama'),
      );
  } finally {
    await platform.close();
  }
  const withRevisions = tenantCli(['export', 'lampung', '--with-revisions', '--dir', dir], { DATABASE_URL: db.url });
  assert.equal(withRevisions.code, 0, withRevisions.stderr);
  assert.equal(yamlConfig(withRevisions.stdout).branding.appName, 'Lampung Maju');
  const foldersOnly = tenantCli(['export', 'lampung', '--dir', dir], { DATABASE_URL: db.url });
  assert.equal(yamlConfig(foldersOnly.stdout).branding.appName, 'Lampung-In');
});
