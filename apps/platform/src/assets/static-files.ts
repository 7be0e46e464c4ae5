import fastifyStatic from '@fastify/static';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { PUBLIC_DIR } from '../paths';

/** How long browsers may keep each kind of file before revalidating (its ETag then answers 304). */
export const STATIC_MAX_AGE_MS = { platform: 3_600_000, vendor: 86_400_000, tenant: 3_600_000 };

/**
 * Static files with @fastify/static: ETag and Last-Modified, 304 on a
 * matching If-None-Match, byte ranges. It serves the platform's own files at
 * /static/<file> and gives every reply `sendFile`, which AssetsController
 * uses for vendor packages and tenant assets. Dotfiles are never served;
 * every file is nosniff, and an SVG cannot run script.
 */
export async function installStaticFiles(app: NestFastifyApplication): Promise<void> {
  await app.register(fastifyStatic, {
    root: PUBLIC_DIR,
    prefix: '/static/',
    // One level only: /static/vendor/... belongs to AssetsController, and PUBLIC_DIR has no sub-folders.
    wildcard: false,
    dotfiles: 'ignore',
    index: false,
    maxAge: STATIC_MAX_AGE_MS.platform,
    setHeaders: (reply, path) => {
      reply.header('x-content-type-options', 'nosniff');
      if (path.endsWith('.svg')) reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    },
  });
}
