import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeHost } from './host';

test('host names are compared lower-case, without port and trailing dot', () => {
  assert.equal(normalizeHost('Jakarta.LocalHost:3000'), 'jakarta.localhost');
  assert.equal(normalizeHost('jaki.jakarta.go.id.'), 'jaki.jakarta.go.id');
  assert.equal(normalizeHost('JAKI.Jakarta.go.id.:443'), 'jaki.jakarta.go.id');
  assert.equal(normalizeHost('  lampung.localhost  '), 'lampung.localhost');
});

test('the first of a list (X-Forwarded-Host through proxies) counts', () => {
  assert.equal(normalizeHost('a.example, b.example'), 'a.example');
  assert.equal(normalizeHost(['a.example', 'b.example']), 'a.example');
});

test('IPv6 literals keep their brackets and lose the port', () => {
  assert.equal(normalizeHost('[::1]:3000'), '[::1]');
});

test('missing or malformed hosts normalise to nothing', () => {
  assert.equal(normalizeHost(undefined), '');
  assert.equal(normalizeHost(''), '');
  assert.equal(normalizeHost('evil.example/<script>'), '');
  assert.equal(normalizeHost('a b.example'), '');
});
