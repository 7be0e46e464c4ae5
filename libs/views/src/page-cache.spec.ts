import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Tenant } from '@app/tenancy';
import { isAnonymous, isCacheable, PAGE_CACHE_MAX_ENTRIES, PAGE_CACHE_TTL_MS, PageCache } from './page-cache';

const tenant = (slug: string) => ({ slug }) as Tenant;

describe('PageCache', () => {
  test('each answer gets its own nonce where the marker was; the ETag is the same for all', () => {
    const cache = new PageCache();
    const jakarta = tenant('jakarta');
    const entry = cache.set(
      jakarta,
      cache.key(jakarta, 'id', '/'),
      `<style nonce="${cache.nonceMarker}">a</style><p>${cache.nonceMarker}</p>`,
    );
    assert.equal(cache.answer(entry, 'n1', undefined).html, '<style nonce="n1">a</style><p>n1</p>');
    assert.equal(cache.answer(entry, 'n2', undefined).html, '<style nonce="n2">a</style><p>n2</p>');
    assert.match(entry.etag, /^W\/"[A-Za-z0-9_-]+"$/);
    assert.deepEqual(cache.answer(entry, 'n3', `W/"other", ${entry.etag}`), { html: '', notModified: true });
    assert.equal(cache.answer(entry, 'n3', 'W/"other"').notModified, false);
  });

  test('a page is served only for the Tenant object it was rendered with (a reload makes a new one), and only until it expires', () => {
    let now = 1_000;
    const cache = new PageCache(() => now);
    const before = tenant('jakarta');
    const key = cache.key(before, 'id', '/');
    cache.set(before, key, 'page');
    assert.ok(cache.get(before, key));
    assert.equal(cache.get(tenant('jakarta'), key), undefined, 'the reloaded tenant does not get the old page');
    cache.set(before, key, 'page');
    now += PAGE_CACHE_TTL_MS;
    assert.equal(cache.get(before, key), undefined);
    assert.equal(cache.size, 0);
  });

  test('keys separate tenants and locales; invalidate drops one tenant only', () => {
    const cache = new PageCache();
    const [jakarta, lampung] = [tenant('jakarta'), tenant('lampung')];
    cache.set(jakarta, cache.key(jakarta, 'id', '/'), 'j-id');
    cache.set(jakarta, cache.key(jakarta, 'en', '/'), 'j-en');
    cache.set(lampung, cache.key(lampung, 'id', '/'), 'l-id');
    assert.equal(cache.get(jakarta, cache.key(jakarta, 'en', '/'))?.parts[0], 'j-en');
    assert.equal(cache.get(jakarta, cache.key(lampung, 'id', '/')), undefined, "another tenant's key never answers");
    cache.invalidate('jakarta');
    assert.equal(cache.get(jakarta, cache.key(jakarta, 'id', '/')), undefined);
    assert.equal(cache.get(lampung, cache.key(lampung, 'id', '/'))?.parts[0], 'l-id');
  });

  test("a page whose render overlapped its tenant's invalidation is answered but not stored; another tenant's still is", () => {
    const cache = new PageCache();
    const [jakarta, lampung] = [tenant('jakarta'), tenant('lampung')];
    const [started, lampungStarted] = [cache.version(jakarta), cache.version(lampung)];
    cache.invalidate('jakarta'); // news published while the list was being read
    assert.equal(cache.set(jakarta, cache.key(jakarta, 'id', '/berita'), 'old list', started).parts[0], 'old list');
    assert.equal(cache.get(jakarta, cache.key(jakarta, 'id', '/berita')), undefined);
    cache.set(lampung, cache.key(lampung, 'id', '/'), 'l-id', lampungStarted);
    assert.ok(cache.get(lampung, cache.key(lampung, 'id', '/')));
    const again = cache.version(lampung);
    cache.invalidate();
    cache.set(lampung, cache.key(lampung, 'id', '/'), 'l-id', again);
    assert.equal(cache.size, 0, 'invalidating every tenant counts for each');
  });

  test('memory is bounded whatever URLs are asked for', () => {
    const cache = new PageCache();
    const jakarta = tenant('jakarta');
    for (let i = 0; i < PAGE_CACHE_MAX_ENTRIES + 50; i++) cache.set(jakarta, cache.key(jakarta, 'id', `/?x=${i}`), 'p');
    assert.equal(cache.size, PAGE_CACHE_MAX_ENTRIES);
    assert.equal(cache.get(jakarta, cache.key(jakarta, 'id', '/?x=0')), undefined, 'the oldest went first');
  });

  test('only anonymous GETs that do not switch language are cacheable', () => {
    const req = (over: object = {}) => ({ method: 'GET', url: '/', headers: {}, query: {}, ...over });
    assert.ok(isCacheable(req()));
    assert.ok(isCacheable(req({ headers: { cookie: 'csrf=abc; lang=en' } })));
    assert.ok(!isAnonymous({ headers: { cookie: 'csrf=abc; sid=xyz' } }));
    assert.ok(!isCacheable(req({ headers: { cookie: 'sid=xyz' } })));
    assert.ok(!isCacheable(req({ headers: { authorization: 'Bearer t' } })));
    assert.ok(!isCacheable(req({ method: 'POST' })));
    assert.ok(!isCacheable(req({ query: { lang: 'en' } })));
  });
});
