import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clientAddressKey } from './client-key';

test('the rate-limit key of an anonymous client is its address alone: no header changes it', () => {
  const base = clientAddressKey({ ip: '203.0.113.9', headers: { 'user-agent': 'Mozilla/5.0' } });
  assert.equal(clientAddressKey({ ip: '203.0.113.9', headers: { 'user-agent': 'curl/8' } }), base);
  assert.equal(clientAddressKey({ ip: '203.0.113.9', headers: { 'x-forwarded-for': '198.51.100.1', 'accept-language': 'en' } }), base);
  assert.notEqual(clientAddressKey({ ip: '203.0.113.10', headers: {} }), base);
  assert.doesNotMatch(base, /203\.0\.113/, 'the address is not kept in clear');
});
