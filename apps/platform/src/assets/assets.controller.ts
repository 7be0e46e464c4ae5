import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import { MediaStorage, tenantKey } from '@app/media';
import { TenantContext } from '@app/tenancy';
import { dirname, join } from 'node:path';
import { STATIC_MAX_AGE_MS } from './static-files';

/**
 * Third-party browser libraries served from node_modules, so no page depends
 * on a CDN: /static/vendor/<name>/<file> maps to the package's dist folder.
 * Only these packages, and only their dist files, are reachable.
 */
const VENDOR_DIRS: Record<string, string> = {
  leaflet: join(dirname(require.resolve('leaflet/package.json')), 'dist'),
  markercluster: join(dirname(require.resolve('leaflet.markercluster/package.json')), 'dist'),
};

/** Fastify's reply with @fastify/static's sendFile (ETag, 304, Range; it refuses paths that leave the root). */
interface Reply {
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
  sendFile(file: string, options: { root: string | string[]; maxAge: number }): unknown;
}

/**
 * Files whose root depends on the request: a package's dist folder, a
 * tenant's assets along its `extends` chain (like templates), a logo from
 * the tenant's file store. The platform's own /static/<file> are served by
 * @fastify/static directly (see static-files.ts).
 */
@Controller()
export class AssetsController {
  constructor(
    private readonly context: TenantContext,
    private readonly storage: MediaStorage,
  ) {}

  @Get('static/vendor/:package/*')
  vendor(@Param('package') name: string, @Param('*') file: string, @Res() reply: Reply) {
    const dir = Object.hasOwn(VENDOR_DIRS, name) ? VENDOR_DIRS[name] : undefined;
    if (!dir || file.endsWith('.map')) throw new NotFoundException();
    return reply.sendFile(plainPath(file), { root: dir, maxAge: STATIC_MAX_AGE_MS.vendor });
  }

  // Fastify's router syntax: the rest of the path is the '*' parameter.
  @Get('assets/*')
  tenant(@Param('*') file: string, @Res() reply: Reply) {
    const roots = this.context.tenant.folders.map((f) => join(f, 'assets'));
    return reply.sendFile(plainPath(file), { root: roots, maxAge: STATIC_MAX_AGE_MS.tenant });
  }

  /** A logo uploaded from the admin console, from the tenant's own storage prefix. */
  @Get('uploads/branding/:file')
  async uploadedLogo(@Param('file') file: string, @Res() reply: Reply) {
    const match = /^logo-[a-f0-9]{16}\.(png|jpg|webp)$/.exec(file);
    const data = match && (await this.storage.get(tenantKey(this.context.tenant.slug, 'branding', file)));
    if (!data) throw new NotFoundException();
    const type = match[1] === 'jpg' ? 'image/jpeg' : `image/${match[1]}`;
    return reply
      .header('content-type', type)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'public, max-age=86400, immutable')
      .send(data);
  }
}

/** A relative path of plain segments: anything that climbs (`..`), is absolute or odd is simply not found. */
function plainPath(file: string): string {
  const segments = file.split('/');
  if (!file || file.includes('\\') || file.includes('\0') || segments.some((s) => s === '' || s === '.' || s === '..' || s.startsWith('.')))
    throw new NotFoundException();
  return file;
}
