import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeHost, parseHost } from './host';

test('host names are compared lower-case, without port and trailing dot', () => {
  assert.equal(normalizeHost('Jakarta.LocalHost:3000'), 'jakarta.localhost');
  assert.equal(normalizeHost('jaki.jakarta.go.id.'), 'jaki.jakarta.go.id');
  assert.equal(normalizeHost('JAKI.Jakarta.go.id.:443'), 'jaki.jakarta.go.id');
  assert.equal(normalizeHost('  lampung.localhost  '), 'lampung.localhost');
});

test('the port is kept apart, and must be a real port', () => {
  assert.deepEqual(parseHost('jakarta.localhost:3000'), { name: 'jakarta.localhost', port: 3000 });
  assert.deepEqual(parseHost('jakarta.localhost'), { name: 'jakarta.localhost' });
  assert.equal(parseHost('jakarta.localhost:'), null);
  assert.equal(parseHost('jakarta.localhost:0'), null);
  assert.equal(parseHost('jakarta.localhost:65536'), null);
  assert.equal(parseHost('jakarta.localhost:80:80'), null);
});

test('a list is ambiguous: no host at all, never the first of it', () => {
  assert.equal(normalizeHost('a.example, b.example'), '');
  assert.equal(normalizeHost('lampung.localhost,jakarta.localhost'), '');
  assert.equal(normalizeHost(['a.example', 'b.example']), '');
  assert.equal(normalizeHost(['a.example']), 'a.example');
});

test('userinfo, paths and odd characters are malformed', () => {
  for (const bad of [
    'jakarta.localhost:@evil.example',
    'user@jakarta.localhost',
    'evil.example/<script>',
    'a b.example',
    'jakarta.localhost\0',
    'jakarta..localhost',
    '-a.example',
    'jakarta.localhost#x',
    'jakarta.localhost?x',
    'jakarta_localhost',
    '.',
    '[::1',
    'http://jakarta.localhost',
  ]) {
    assert.equal(parseHost(bad), null, bad);
    assert.equal(normalizeHost(bad), '', bad);
  }
});

test('IPv6 literals keep their brackets and lose the port', () => {
  assert.equal(normalizeHost('[::1]:3000'), '[::1]');
});

test('missing hosts normalise to nothing', () => {
  assert.equal(normalizeHost(undefined), '');
  assert.equal(normalizeHost(''), '');
});
