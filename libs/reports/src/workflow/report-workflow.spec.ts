import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { loadTenants } from '@app/tenancy';
import { ReportError, ReportErrorCode } from '../report-error';
import { Actor } from './actor';
import { availableActions, canHandle, checkAction } from './report-workflow';

const jakarta = loadTenants(join(__dirname, '..', '..', '..', '..', '..', 'tenants')).find((t) => t.slug === 'jakarta')!.config;
const officer: Actor = { accountId: 'o', role: 'officer', agencyCode: 'dinas-bina-marga' };
const validator: Actor = { accountId: 'v', role: 'validator' };
const report = (status: string, agencyCode = 'dinas-bina-marga') => ({ status, agencyCode, regionCode: '31.74' });
const refused = (code: ReportErrorCode) => (e: unknown) => e instanceof ReportError && e.code === code;

test("Jakarta's officer moves a waiting report on; the validator cannot", () => {
  assert.deepEqual(
    availableActions(jakarta, officer, report('menunggu')).map(([c]) => c),
    ['koordinasi', 'disposisi', 'proses', 'tolak', 'bukan-wewenang'],
  );
  assert.deepEqual(
    availableActions(jakarta, validator, report('menunggu')).map(([c]) => c),
    ['tolak'],
  );
  assert.deepEqual(
    availableActions(jakarta, validator, report('menunggu-validasi')).map(([c]) => c),
    ['terima', 'tolak-tindak-lanjut'],
  );
});

test('an officer sees the reports of his agency and of its branches, not of another agency', () => {
  assert.ok(canHandle(jakarta, officer, report('proses', 'sudin-bina-marga-jakarta-selatan')));
  assert.ok(!canHandle(jakarta, officer, report('proses', 'dinas-lingkungan-hidup')));
  assert.ok(!canHandle(jakarta, { ...officer, regionCode: '31.71' }, report('proses')), 'outside his region');
  assert.ok(!canHandle(jakarta, { accountId: 'c', role: 'citizen' }, report('proses')));
});

test('a follow-up needs before and after photos', () => {
  assert.throws(
    () => checkAction(jakarta, officer, report('proses'), 'tindak-lanjut', { evidence: { before: 1, after: 0 } }),
    refused(ReportErrorCode.EvidenceRequired),
  );
  assert.equal(
    checkAction(jakarta, officer, report('proses'), 'tindak-lanjut', { evidence: { before: 1, after: 2 } }).to,
    'menunggu-validasi',
  );
});

test('rejections need a reason; hand-offs a known target', () => {
  assert.throws(
    () => checkAction(jakarta, validator, report('menunggu-validasi'), 'tolak-tindak-lanjut', { note: '' }),
    refused(ReportErrorCode.NoteRequired),
  );
  assert.equal(
    checkAction(jakarta, validator, report('menunggu-validasi'), 'tolak-tindak-lanjut', {
      note: 'Foto sesudah tidak menunjukkan perbaikan.',
    }).to,
    'tl-ditolak',
  );
  assert.throws(
    () =>
      checkAction(jakarta, officer, report('menunggu'), 'bukan-wewenang', { handoffTarget: 'mars', note: 'Jalan tol, bukan wewenang.' }),
    refused(ReportErrorCode.HandoffRequired),
  );
  assert.equal(
    checkAction(jakarta, officer, report('menunggu'), 'bukan-wewenang', { handoffTarget: 'sp4n-lapor', note: 'Jalan tol nasional.' }).to,
    'bukan-wewenang',
  );
});

test('disposition goes only to a branch of the current agency; re-routing to another agency', () => {
  assert.throws(
    () => checkAction(jakarta, officer, report('menunggu'), 'disposisi', { agency: 'dinas-lingkungan-hidup' }),
    refused(ReportErrorCode.AgencyRequired),
  );
  assert.equal(
    checkAction(jakarta, officer, report('menunggu'), 'disposisi', { agency: 'sudin-bina-marga-jakarta-selatan' }).to,
    'disposisi',
  );
  assert.throws(
    () => checkAction(jakarta, officer, report('menunggu'), 'koordinasi', { agency: 'dinas-bina-marga' }),
    refused(ReportErrorCode.AgencyRequired),
  );
  assert.equal(checkAction(jakarta, officer, report('menunggu'), 'koordinasi', { agency: 'dinas-sumber-daya-air' }).to, 'koordinasi');
});

test('an action from the wrong status or by the wrong role is refused', () => {
  assert.throws(() => checkAction(jakarta, officer, report('selesai'), 'proses', {}), refused(ReportErrorCode.InvalidTransition));
  assert.throws(() => checkAction(jakarta, officer, report('menunggu-validasi'), 'terima', {}), refused(ReportErrorCode.ActionNotAllowed));
  assert.throws(() => checkAction(jakarta, officer, report('menunggu'), 'terbang', {}), refused(ReportErrorCode.ActionNotAllowed));
});
