import assert from 'node:assert/strict';
import { test } from 'node:test';
import { brandingField, brandingPatch } from './branding.page.controller';
import { collectionAt, collectionPatch, entryFromForm, fieldOfPath, formFromEntry } from './config-collections';
import { serviceField } from './services.page.controller';

test('an agency form becomes a merge patch: empty optional fields are removed, lists are split', () => {
  const spec = collectionAt('instansi')!;
  const entry = entryFromForm(spec, {
    name: ' Dinas X ',
    kind: 'dinas',
    parent: '',
    region: '18.71',
    categories: 'a, b  c',
    phone: '',
    email: '',
    website: '',
    address: '',
  });
  assert.deepEqual(entry, { name: 'Dinas X', kind: 'dinas', parent: null, region: '18.71', categories: ['a', 'b', 'c'], contacts: null });
  assert.deepEqual(collectionPatch(spec, 'dinas-x', null), { agencies: { 'dinas-x': null } });
  assert.deepEqual(collectionPatch(collectionAt('rute')!, 'r1', { agency: 'a' }), { routing: { rules: { r1: { agency: 'a' } } } });
  assert.equal(formFromEntry(spec, { name: 'N', kind: 'dinas', categories: ['a', 'b'], contacts: { phone: '1' } }).categories, 'a, b');
});

test('a number field keeps what is not a number, for validation to name it', () => {
  const spec = collectionAt('kategori')!;
  assert.equal(entryFromForm(spec, { dueDays: '6' }).dueDays, 6);
  assert.equal(entryFromForm(spec, { dueDays: 'enam' }).dueDays, 'enam');
});

test('config paths map to the form fields that set them', () => {
  const agencies = collectionAt('instansi')!;
  assert.equal(fieldOfPath(agencies, 'dinas-x', 'agencies.dinas-x.categories[1]'), 'categories');
  assert.equal(fieldOfPath(agencies, 'dinas-x', 'agencies.dinas-x.contacts.website'), 'website');
  assert.equal(fieldOfPath(agencies, 'dinas-x', 'agencies.dinas-y.name'), undefined);
  assert.equal(fieldOfPath(collectionAt('wilayah')!, '18.71', 'regions.18.71.parent'), 'parent');
  assert.equal(fieldOfPath(collectionAt('darurat')!, 'd', 'emergencyNumbers.d.name.id'), 'name_id');
  assert.equal(brandingField('branding.colors.primary'), 'primary');
  assert.equal(brandingField('branding.tagline.en'), 'tagline_en');
  assert.equal(brandingField('branding.appName'), 'appName');
  assert.equal(serviceField('services.news.settings.title.id'), 'title_id_news');
  assert.equal(serviceField('services.directory.enabled'), 'enabled_directory');
});

test('the branding form removes an emptied tagline and keeps colours as typed', () => {
  const patch = brandingPatch({ appName: 'X', tagline_id: '', primary: 'red' }) as {
    branding: { tagline: unknown; colors: { primary: string } };
  };
  assert.equal(patch.branding.tagline, null);
  assert.equal(patch.branding.colors.primary, 'red');
});
