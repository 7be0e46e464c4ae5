import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { AuditService } from '@app/audit';
import { ReportsService } from '@app/reports';
import { JsonObject, loadTenants, readTenantFolders, TenantContext, TenantOverlay, TenantRegistry } from '@app/tenancy';
import { ConfigRevision } from './config-revision.entity';
import { ConfigRevisionRepository } from './config-revision.repository';
import { TenantConfigError, TenantConfigErrorCode } from './tenant-config.error';
import { TenantConfigService } from './tenant-config.service';
import { TenantReloader } from './tenant-reloader';
import { TenantSources } from './tenant-sources';

/*
 * Admin config revisions with the revision store in memory and the real
 * tenant folders: what a save stores (the whole overlay), what it refuses,
 * what a rollback restores. Storage, RLS and NOTIFY between instances are
 * proved on PostgreSQL in test/revisions.
 */

const TENANTS = join(__dirname, '..', '..', '..', '..', 'tenants');
const admin = { accountId: null, label: 'admin@jakarta.test', ip: null };

class FakeRevisions {
  readonly rows: ConfigRevision[] = [];

  latest() {
    return Promise.resolve(this.rows.at(-1) ?? null);
  }

  find(revision: number) {
    return Promise.resolve(this.rows.find((r) => r.revision === revision) ?? null);
  }

  list() {
    return Promise.resolve([...this.rows].reverse());
  }

  append(patch: JsonObject, author: string, message: string) {
    const row = { tenantId: 'jakarta', revision: this.rows.length + 1, patch, author, message, createdAt: new Date() };
    this.rows.push(row);
    return Promise.resolve(row);
  }
}

function setup(openReports: Record<string, number> = {}) {
  const folders = readTenantFolders(TENANTS);
  let tenants = loadTenants(TENANTS);
  const jakarta = () => tenants.find((t) => t.slug === 'jakarta')!;
  const revisions = new FakeRevisions();
  const applied: { slug: string; overlay: TenantOverlay | undefined }[] = [];
  const audited: { action: string; changes: Record<string, unknown> }[] = [];
  const context = {
    get tenant() {
      return jakarta();
    },
    hasTenant: true,
  } as unknown as TenantContext;
  const registry = { list: () => tenants, get: (slug: string) => tenants.find((t) => t.slug === slug) } as unknown as TenantRegistry;
  const sources = { folders } as unknown as TenantSources;
  // Applies the overlay as the real reloader would: the registry's tenant is replaced by one resolved with it.
  const reloader = {
    apply: (slug: string, overlay: TenantOverlay | undefined) => {
      applied.push({ slug, overlay });
      tenants = loadTenants(TENANTS, new Map(overlay ? [[slug, overlay]] : []));
      return [];
    },
  } as unknown as TenantReloader;
  const audit = {
    record: (_: unknown, r: { action: string; changes: Record<string, unknown> }) => (audited.push(r), Promise.resolve()),
  } as unknown as AuditService;
  const reports = { openCountByAgency: (code: string) => Promise.resolve(openReports[code] ?? 0) } as unknown as ReportsService;
  const service = new TenantConfigService(
    context,
    registry,
    revisions as unknown as ConfigRevisionRepository,
    sources,
    reloader,
    audit,
    reports,
  );
  return { service, revisions, applied, audited, jakarta };
}

const refused = (code: TenantConfigErrorCode) => (e: unknown) => e instanceof TenantConfigError && e.code === code;

describe('TenantConfigService', () => {
  test('a change is stored as the whole overlay, validated, audited with its diff, and applied at once', async () => {
    const { service, revisions, applied, audited, jakarta } = setup();
    const saved = await service.propose({ branding: { appName: 'JAKI Baru' } }, admin, 'nama baru');
    assert.equal(saved.revision, 1);
    assert.deepEqual(saved.patch, { branding: { appName: 'JAKI Baru' } });
    assert.deepEqual(applied, [{ slug: 'jakarta', overlay: { revision: 1, patch: { branding: { appName: 'JAKI Baru' } } } }]);
    assert.equal(jakarta().config.branding.appName, 'JAKI Baru');
    assert.equal(audited[0].action, 'config.revision');
    assert.deepEqual(audited[0].changes.diff, { branding: { appName: 'JAKI Baru' } });
    // The second change keeps the first: each revision holds the complete overlay, not a delta.
    const second = await service.propose({ branding: { tagline: { id: 'Jakarta untuk semua' } } }, admin, 'tagline');
    assert.deepEqual((second.patch.branding as JsonObject).appName, 'JAKI Baru');
    assert.equal(revisions.rows.length, 2);
  });

  test('a change builds on the latest stored revision, even one saved by another instance since', async () => {
    const { service, revisions } = setup();
    await revisions.append({ branding: { appName: 'Dari instans lain' } }, 'other', 'instance 2');
    const saved = await service.propose({ branding: { tagline: { id: 'Baru' } } }, admin, 'tagline');
    assert.equal(saved.revision, 2);
    assert.equal((saved.patch.branding as JsonObject).appName, 'Dari instans lain');
  });

  test('an invalid change is refused with its problems, and nothing is stored or applied', async () => {
    const { service, revisions, applied } = setup();
    await assert.rejects(
      () => service.propose({ workflow: { initial: 'tidak-ada' } }, admin, 'rusak'),
      (e: unknown) =>
        refused(TenantConfigErrorCode.Invalid)(e) &&
        (e as TenantConfigError).problems.some((p) => /initial/.test(`${p.path} ${p.message}`)),
    );
    assert.equal(revisions.rows.length, 0);
    assert.equal(applied.length, 0);
  });

  test('an agency that still holds open reports cannot be retired', async () => {
    const { service, revisions } = setup({ 'dinas-perhubungan': 3 });
    await assert.rejects(
      () => service.propose({ agencies: { 'dinas-perhubungan': null } }, admin, 'hapus dishub'),
      (e: unknown) =>
        refused(TenantConfigErrorCode.AgencyHasOpenReports)(e) && /3 open report/.test((e as TenantConfigError).problems[0].message),
    );
    assert.equal(revisions.rows.length, 0);
  });

  test('a rollback is a new revision with the old overlay; to 0 the folders alone; an unknown revision is refused', async () => {
    const { service, revisions, jakarta } = setup();
    await service.propose({ branding: { appName: 'Satu' } }, admin, 'satu');
    await service.propose({ branding: { appName: 'Dua' } }, admin, 'dua');
    const back = await service.rollback(1, admin, 'kembali ke satu');
    assert.equal(back.revision, 3);
    assert.deepEqual(back.patch, revisions.rows[0].patch);
    assert.equal(jakarta().config.branding.appName, 'Satu');
    const bare = await service.rollback(0, admin, 'tanpa perubahan admin');
    assert.deepEqual(bare.patch, {});
    assert.equal(jakarta().config.branding.appName, 'JAKI');
    await assert.rejects(() => service.rollback(99, admin, 'tidak ada'), refused(TenantConfigErrorCode.UnknownRevision));
    assert.equal(revisions.rows.length, 4);
  });
});
