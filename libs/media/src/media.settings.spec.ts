import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidEnvironmentError, loadSettings } from '@app/config';
import { MediaSettings } from './media.settings';
import { mediaStorage } from './media.module';

const S3 = {
  S3_BUCKET: 'replika',
  S3_ENDPOINT: 'http://minio:9000',
  S3_REGION: 'us-east-1',
  S3_ACCESS_KEY_ID: 'replika',
  S3_SECRET_ACCESS_KEY: 'rahasia-sekali',
  S3_FORCE_PATH_STYLE: 'true',
};

function problems(env: Record<string, string>): string {
  try {
    loadSettings(MediaSettings, env);
    return '';
  } catch (error) {
    assert.ok(error instanceof InvalidEnvironmentError);
    return error.message;
  }
}

test('no S3_* at all: the local disk; a complete S3 configuration: the S3 driver', () => {
  assert.equal(mediaStorage(loadSettings(MediaSettings, {}), '/tmp/replika-data').driver, 'local');
  const settings = loadSettings(MediaSettings, S3);
  assert.equal(settings.S3_FORCE_PATH_STYLE, true);
  assert.equal(mediaStorage(settings, '/tmp/replika-data').driver, 's3');
  assert.equal(problems({ S3_BUCKET: 'replika' }), '', "a bucket alone uses the SDK's default credentials and region");
});

test('half an S3 configuration is refused at boot, naming each variable', () => {
  assert.match(problems({ S3_ENDPOINT: 'http://minio:9000' }), /S3_BUCKET must be set/);
  assert.match(problems({ ...S3, S3_SECRET_ACCESS_KEY: '' }), /S3_SECRET_ACCESS_KEY and S3_ACCESS_KEY_ID must be set together/);
  assert.match(problems({ ...S3, S3_ENDPOINT: 'minio:9000' }), /S3_ENDPOINT must be an http/);
  assert.match(problems({ ...S3, S3_BUCKET: 'Not_A_Bucket' }), /S3_BUCKET must be/);
  assert.match(problems({ ...S3, S3_FORCE_PATH_STYLE: 'maybe' }), /S3_FORCE_PATH_STYLE must be true or false/);
});
