import { Controller, Get, Header, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import { Locale, TenantContext } from '@app/tenancy';
import { Page, PageLocale, ViewEngine } from '@app/views';
import { AppIcons } from './app-icons';
import { PWA_OPTIONS, PwaOptions } from './pwa.options';
import { serviceWorkerScript } from './service-worker';
import { isAppIconName, webAppManifest } from './web-app-manifest';

interface Reply {
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

/**
 * The installable app of each province: its manifest, icons drawn from its
 * logo, the service worker at the root scope (so it controls every page) and
 * the page it shows offline.
 */
@Controller()
export class PwaController {
  private script?: string;

  constructor(
    private readonly context: TenantContext,
    private readonly icons: AppIcons,
    private readonly views: ViewEngine,
    @Inject(PWA_OPTIONS) private readonly options: PwaOptions,
  ) {}

  @Get('manifest.webmanifest')
  @Header('cache-control', 'public, max-age=3600')
  manifest(@Res() reply: Reply) {
    // One manifest per tenant, in its default language: an installed app keeps the name it was installed with.
    const { tenant } = this.context;
    const body = webAppManifest(tenant, tenant.config.locale.default, this.icons.version(tenant));
    return reply.header('content-type', 'application/manifest+json; charset=utf-8').send(JSON.stringify(body));
  }

  @Get('pwa/:file')
  @Header('cache-control', 'public, max-age=31536000, immutable')
  async icon(@Param('file') file: string, @Res() reply: Reply) {
    if (!isAppIconName(file)) throw new NotFoundException();
    const png = await this.icons.icon(this.context.tenant, file);
    return reply.header('content-type', 'image/png').header('x-content-type-options', 'nosniff').send(png);
  }

  /** Always revalidated: browsers check it for updates anyway, and a stale worker would keep stale caches. */
  @Get('sw.js')
  @Header('cache-control', 'no-cache')
  worker(@Res() reply: Reply) {
    this.script ??= serviceWorkerScript(this.options.publicDir);
    return reply.header('content-type', 'text/javascript; charset=utf-8').header('service-worker-allowed', '/').send(this.script);
  }

  @Get('luring')
  @Page('offline')
  offline(@PageLocale() locale: Locale) {
    return { title: this.views.text(this.context.tenant, locale, 'pwa.offline.title') };
  }
}
