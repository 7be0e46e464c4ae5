import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseArticleForm, slugify } from './article-input';
import { NewsError } from './news-error';

test('slugs are lower-case ASCII words', () => {
  assert.equal(slugify('Banjir Rob di Muara Angke: Warga Diimbau Waspada!'), 'banjir-rob-di-muara-angke-warga-diimbau-waspada');
  assert.equal(slugify('Café  über'), 'cafe-uber');
  assert.equal(slugify('<script>'), 'script');
  assert.equal(slugify('!!!'), 'berita');
  assert.ok(slugify('a'.repeat(300)).length <= 80);
});

test("publish times are read on the tenant's clock", () => {
  assert.equal(
    parseArticleForm({ title: 'Judul', body: 'Isi', publishAt: '2026-03-01T09:30' }, 'Asia/Jakarta').publishAt?.toISOString(),
    '2026-03-01T02:30:00.000Z',
  );
  assert.equal(
    parseArticleForm({ title: 'Judul', body: 'Isi', publishAt: '2026-03-01T09:30' }, 'Asia/Jayapura').publishAt?.toISOString(),
    '2026-03-01T00:30:00.000Z',
  );
});

test('the draft form names every wrong field', () => {
  assert.throws(
    () => parseArticleForm({ title: ' ', body: '', summary: 'x'.repeat(501), publishAt: 'kapan' }, 'Asia/Jakarta'),
    (e: unknown) =>
      e instanceof NewsError &&
      JSON.stringify(e.fields) === JSON.stringify({ title: 'required', summary: 'too-long', body: 'required', publishAt: 'invalid' }),
  );
  const ok = parseArticleForm({ title: ' Judul ', body: 'Isi\r\n', summary: '' }, 'Asia/Jakarta');
  assert.deepEqual(ok, { title: 'Judul', summary: '', bodyMarkdown: 'Isi', publishAt: null });
});
