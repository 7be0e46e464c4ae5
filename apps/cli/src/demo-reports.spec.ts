import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadTenants } from '@app/tenancy';
import { routeReport } from '@app/reports';
import { demoReports } from './demo-reports';

const tenants = loadTenants(join(__dirname, '..', '..', '..', '..', 'tenants'));

for (const tenant of tenants) {
  test(`${tenant.slug}: the demo officer's agency is where the demo reports are routed`, () => {
    const demo = demoReports(tenant.config)!;
    assert.ok(demo.categories.length > 0);
    for (const category of demo.categories) assert.equal(routeReport(tenant.config, category, demo.region)?.agency, demo.agency);
  });
}
