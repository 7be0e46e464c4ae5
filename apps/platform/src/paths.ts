import { join } from 'node:path';

/** The platform's own files, found from the compiled code (dist/apps/platform/src) or the sources alike. */
export const PLATFORM_ROOT = join(
  __dirname,
  '..',
  '..',
  '..',
  ...(__dirname.includes(`${join('dist', 'apps')}`) ? ['..'] : []),
  'apps',
  'platform',
);
export const VIEWS_DIR = join(PLATFORM_ROOT, 'views');
export const LOCALES_DIR = join(PLATFORM_ROOT, 'locales');
export const PUBLIC_DIR = join(PLATFORM_ROOT, 'public');
