import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The platform's files the service worker keeps for offline use (the shell), besides the pages it caches as they are visited. */
export const SHELL_ASSETS = [
  '/static/app.css',
  '/static/pwa.js',
  '/static/report-form.js',
  '/static/similar-reports.js',
  '/static/tile-probe.js',
  '/static/report-map.js',
  '/static/area-chooser.js',
  '/static/vendor/leaflet/leaflet.js',
  '/static/vendor/leaflet/leaflet.css',
];

/**
 * The service worker's script (public/sw.js) with its cache version filled
 * in: a digest of the worker and of every shell file, so a deploy that
 * changes any of them installs a new worker, which refreshes the cache.
 */
export function serviceWorkerScript(publicDir: string): string {
  const source = readFileSync(join(publicDir, 'sw.js'), 'utf8');
  const digest = createHash('sha256').update(source);
  for (const asset of SHELL_ASSETS) {
    if (!asset.startsWith('/static/vendor/')) digest.update(readFileSync(join(publicDir, asset.slice('/static/'.length))));
  }
  return source.replace('__VERSION__', digest.digest('hex').slice(0, 12)).replace('__SHELL_ASSETS__', JSON.stringify(SHELL_ASSETS));
}
