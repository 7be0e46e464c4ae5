import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { MediaStorage } from '@app/media';
import { TenantContext } from '@app/tenancy';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { PUBLIC_DIR } from '../paths';

/**
 * Third-party browser libraries served from node_modules, so no page depends
 * on a CDN: /static/vendor/<name>/<file> maps to the package's dist folder.
 * Only these packages, and only their dist files, are reachable.
 */
const VENDOR_DIRS: Record<string, string> = {
  leaflet: join(dirname(require.resolve('leaflet/package.json')), 'dist'),
  markercluster: join(dirname(require.resolve('leaflet.markercluster/package.json')), 'dist'),
};

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png',
  '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp', '.js': 'text/javascript; charset=utf-8',
};

interface Reply {
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

/**
 * Static files: the platform's own under /static, a tenant's under /assets,
 * looked up along its `extends` chain like templates.
 */
@Controller()
export class AssetsController {
  constructor(private readonly context: TenantContext, private readonly storage: MediaStorage) {}

  @Get('static/:file')
  @Header('cache-control', 'public, max-age=3600')
  platform(@Param('file') file: string, @Res() reply: Reply) {
    return this.send(reply, [PUBLIC_DIR], file);
  }

  @Get('static/vendor/:package/*')
  @Header('cache-control', 'public, max-age=86400')
  vendor(@Param('package') name: string, @Param('*') file: string, @Res() reply: Reply) {
    const dir = Object.hasOwn(VENDOR_DIRS, name) ? VENDOR_DIRS[name] : undefined;
    if (!dir || file.endsWith('.map')) throw new NotFoundException();
    return this.send(reply, [dir], file);
  }

  // Fastify's router syntax: the rest of the path is the '*' parameter.
  @Get('assets/*')
  @Header('cache-control', 'public, max-age=3600')
  tenant(@Param('*') file: string, @Res() reply: Reply) {
    return this.send(reply, this.context.tenant.folders.map((f) => join(f, 'assets')), file);
  }

  /** A logo uploaded from the admin console, from the tenant's own storage prefix. */
  @Get('uploads/branding/:file')
  @Header('cache-control', 'public, max-age=86400, immutable')
  async uploadedLogo(@Param('file') file: string, @Res() reply: Reply) {
    const match = /^logo-[a-f0-9]{16}\.(png|jpg|webp)$/.exec(file);
    const data = match && (await this.storage.get(`${this.context.tenant.slug}/branding/${file}`));
    if (!data) throw new NotFoundException();
    const type = match[1] === 'jpg' ? 'image/jpeg' : `image/${match[1]}`;
    return reply.header('content-type', type).header('x-content-type-options', 'nosniff').send(data);
  }

  private send(reply: Reply, dirs: string[], file: string) {
    const type = TYPES[extname(file).toLowerCase()];
    const safe = normalize(file);
    if (!type || safe.startsWith('..') || safe.includes(`${sep}..`) || safe.startsWith(sep)) throw new NotFoundException();
    const path = dirs.map((d) => join(d, safe)).find((p) => existsSync(p) && statSync(p).isFile());
    if (!path) throw new NotFoundException();
    // SVGs are served with a CSP that keeps any script inside them from running.
    reply.header('content-type', type).header('x-content-type-options', 'nosniff');
    if (type === 'image/svg+xml') reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
    return reply.send(createReadStream(path));
  }
}
