import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { InvalidEnvironmentError, loadSettings, toBoolean, toInteger } from './settings';

class Example {
  @Transform(toInteger) @IsInt({ message: 'PORT must be an integer' }) @Min(0) @Max(65535) PORT = 3000;
  @Transform(toBoolean) @IsBoolean({ message: 'TRUST_PROXY must be true or false' }) TRUST_PROXY = false;
}

test('defaults apply when a variable is unset or empty', () => {
  assert.deepEqual({ ...loadSettings(Example, { PORT: '' }) }, { PORT: 3000, TRUST_PROXY: false });
});

test('values are converted to their types', () => {
  const s = loadSettings(Example, { PORT: '8080', TRUST_PROXY: 'yes' });
  assert.equal(s.PORT, 8080);
  assert.equal(s.TRUST_PROXY, true);
});

test('a malformed value stops with a message naming each variable', () => {
  assert.throws(
    () => loadSettings(Example, { PORT: 'eighty', TRUST_PROXY: 'maybe' }),
    (e: unknown) => {
      assert.ok(e instanceof InvalidEnvironmentError);
      assert.match(e.message, /PORT: PORT must be an integer/);
      assert.match(e.message, /TRUST_PROXY: TRUST_PROXY must be true or false/);
      return true;
    },
  );
});
