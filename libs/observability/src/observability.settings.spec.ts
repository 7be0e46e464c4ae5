import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidEnvironmentError, loadSettings } from '@app/config';
import { JobsSettings } from '@app/jobs';
import { ObservabilitySettings } from './observability.settings';

test('the defaults: info logs, no metrics exposed, 25 s to drain, job workers on', () => {
  const s = loadSettings(ObservabilitySettings, {});
  assert.deepEqual({ ...s }, { LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_SECONDS: 25 });
  assert.equal(loadSettings(JobsSettings, {}).JOB_WORKERS, true);
  assert.equal(loadSettings(JobsSettings, { JOB_WORKERS: 'false' }).JOB_WORKERS, false);
});

test('each malformed variable is named', () => {
  assert.throws(
    () =>
      loadSettings(ObservabilitySettings, {
        LOG_LEVEL: 'loud',
        METRICS_TOKEN: 'short',
        METRICS_PORT: 'nine',
        SHUTDOWN_TIMEOUT_SECONDS: '0',
      }),
    (e: unknown) =>
      e instanceof InvalidEnvironmentError &&
      /LOG_LEVEL: LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent/.test(e.message) &&
      /METRICS_TOKEN: METRICS_TOKEN must be at least 24 characters/.test(e.message) &&
      /METRICS_PORT: METRICS_PORT must be an integer/.test(e.message) &&
      /SHUTDOWN_TIMEOUT_SECONDS:/.test(e.message),
  );
  assert.throws(() => loadSettings(JobsSettings, { JOB_WORKERS: 'sometimes' }), /JOB_WORKERS must be true or false/);
  assert.equal(loadSettings(ObservabilitySettings, { METRICS_PORT: '9464' }).METRICS_PORT, 9464);
});
