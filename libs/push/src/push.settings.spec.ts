import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_PUSH_SERVICES, isAllowedPushEndpoint } from './push.settings';

test('subscriptions are accepted only on the allowed push services', () => {
  assert.equal(isAllowedPushEndpoint('https://fcm.googleapis.com/fcm/send/abc:def', DEFAULT_PUSH_SERVICES), true);
  assert.equal(isAllowedPushEndpoint('https://wns2-par02p.notify.windows.com/w/?token=x', DEFAULT_PUSH_SERVICES), true);
  assert.equal(isAllowedPushEndpoint('https://notify.windows.com/w', DEFAULT_PUSH_SERVICES), false, 'the wildcard needs a subdomain');
  assert.equal(isAllowedPushEndpoint('https://fcm.googleapis.com.evil.example/x', DEFAULT_PUSH_SERVICES), false);
  assert.equal(isAllowedPushEndpoint('http://fcm.googleapis.com/x', DEFAULT_PUSH_SERVICES), false, 'not over plain http');
  assert.equal(isAllowedPushEndpoint('https://user:pw@fcm.googleapis.com/x', DEFAULT_PUSH_SERVICES), false);
  assert.equal(isAllowedPushEndpoint('http://127.0.0.1:8080/internal', DEFAULT_PUSH_SERVICES), false);
  assert.equal(isAllowedPushEndpoint('not a url', DEFAULT_PUSH_SERVICES), false);
  assert.equal(isAllowedPushEndpoint('http://127.0.0.1:8080/x', 'http://127.0.0.1:8080'), true, 'a test push service, when configured');
  assert.equal(isAllowedPushEndpoint('http://127.0.0.1:8081/x', 'http://127.0.0.1:8080'), false, 'on its own port only');
});
