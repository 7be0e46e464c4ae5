import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deviceLabel } from './device-label';

test('a session is labelled by browser and system only, never the raw User-Agent', () => {
  assert.equal(
    deviceLabel('Mozilla/5.0 (Linux; Android 14; SM-A155F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36'),
    'Chrome · Android',
  );
  assert.equal(
    deviceLabel(
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    ),
    'Safari · iOS',
  );
  assert.equal(
    deviceLabel(
      'Mozilla/5.0 (Linux; Android 13) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0 Mobile Safari/537.36',
    ),
    'Samsung Internet · Android',
  );
  assert.equal(deviceLabel('Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0'), 'Firefox · Windows');
  assert.equal(deviceLabel('curl/8.5.0'), null);
  assert.equal(deviceLabel(undefined), null);
});
