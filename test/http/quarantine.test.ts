import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { TenantReloader } from '@app/revisions';
import { createTestDatabase, TestDatabase } from '../support/database';
import { request } from '../support/http';
import { RunningPlatform, startPlatform } from '../support/platform';
import { ApiErrorJson } from '../support/api';

const SHIPPED = join(__dirname, '..', '..', '..', 'tenants');
const HTML = { accept: 'text/html' };
const SECRET = 'rahasia-uji-karantina-yang-cukup-panjang-0123456789';

function copyOfTenants(): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'replika-quarantine-')), 'tenants');
  cpSync(SHIPPED, dir, { recursive: true });
  return dir;
}

/** Lampung's routing names an agency that does not exist: Lampung is invalid, Jakarta is not. */
function breakLampung(dir: string): () => void {
  const file = join(dir, 'lampung', 'routing.yaml');
  const before = readFileSync(file, 'utf8');
  const data = parse(before) as { routing: { rules: Record<string, object> } };
  data.routing.rules['lp-rusak'] = { category: 'jalan-rusak', agency: 'dinas-tidak-ada' };
  writeFileSync(file, stringify(data));
  return () => writeFileSync(file, before);
}

async function assertUnderMaintenance(url: string): Promise<void> {
  const page = await request(url, '/', { host: 'lampung.localhost', headers: HTML });
  assert.equal(page.status, 503);
  assert.equal(page.headers['retry-after'], '300');
  assert.match(page.body, /<html lang="id">/);
  assert.match(page.body, /Sedang dalam pemeliharaan/);
  assert.match(page.body, /Lampung-In/, 'its own name: it validates on its own');
  assert.match(page.body, /--color-primary:#0b6e4f/, 'its own colours');
  assert.doesNotMatch(page.body, /Halo, warga Lampung|dinas-tidak-ada/, 'nothing of its (invalid) content or problems');
  for (const path of ['/api/tenant', '/open311/v2/services.json']) {
    const api = await request(url, path, { host: 'lampung.localhost' });
    assert.equal(api.status, 503, path);
    assert.match(String(api.headers['content-type']), /application\/json/, path);
    assert.equal(api.json<{ statusCode: number }>().statusCode, 503, path);
    assert.match(api.json<ApiErrorJson>().message, /pemeliharaan/, path);
  }
}

async function assertJakartaServes(url: string): Promise<void> {
  const home = await request(url, '/', { host: 'jakarta.localhost', headers: HTML });
  assert.equal(home.status, 200);
  assert.match(home.body, /Halo, warga Jakarta!/);
  const services = await request(url, '/open311/v2/services.json', { host: 'jakarta.localhost' });
  assert.equal(services.status, 200);
  assert.ok(services.json<{ service_code: string }[]>().some((s) => s.service_code === 'jalan-rusak'));
}

describe('an invalid tenant in production is under maintenance while the others serve', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  const dir = copyOfTenants();

  before(async () => {
    breakLampung(dir);
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url, TENANTS_DIR: dir, NODE_ENV: 'production', SESSION_SECRET: SECRET });
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  test('at boot: Lampung answers 503 with a maintenance page in Indonesian (JSON for /api and /open311), Jakarta serves', async () => {
    await assertUnderMaintenance(platform.url);
    await assertJakartaServes(platform.url);
    const unknown = await request(platform.url, '/', { host: 'aceh.localhost', headers: HTML });
    assert.equal(unknown.status, 404, 'an unknown host is still unknown');
  });
});

describe('a tenant that becomes invalid on a folder reload in production goes under maintenance, and comes back when fixed', () => {
  let db: TestDatabase;
  let platform: RunningPlatform;
  const dir = copyOfTenants();

  before(async () => {
    db = await createTestDatabase();
    platform = await startPlatform({ DATABASE_URL: db.url, TENANTS_DIR: dir, NODE_ENV: 'production', SESSION_SECRET: SECRET });
  });
  after(async () => {
    await platform?.close();
    await db?.drop();
  });

  test('a folder reload takes only the broken tenant out, and restores it when fixed', async () => {
    assert.equal((await request(platform.url, '/', { host: 'lampung.localhost', headers: HTML })).status, 200);
    const restore = breakLampung(dir);
    platform.app.get(TenantReloader).reloadFolders();
    await assertUnderMaintenance(platform.url);
    await assertJakartaServes(platform.url);
    restore();
    platform.app.get(TenantReloader).reloadFolders();
    const back = await request(platform.url, '/', { host: 'lampung.localhost', headers: HTML });
    assert.equal(back.status, 200);
    assert.match(back.body, /Halo, warga Lampung!/);
  });
});

test('outside production the same problem stops the boot, naming the tenant, file and path', async () => {
  const dir = copyOfTenants();
  breakLampung(dir);
  const db = await createTestDatabase();
  try {
    await assert.rejects(
      startPlatform({ DATABASE_URL: db.url, TENANTS_DIR: dir }),
      /lampung: \S*tenants\/lampung\/routing\.yaml: routing\.rules\.lp-rusak\.agency: unknown agency 'dinas-tidak-ada'/,
    );
  } finally {
    await db.drop();
  }
});
