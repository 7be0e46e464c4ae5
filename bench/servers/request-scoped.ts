import 'reflect-metadata';
import { Controller, Get, Inject, Injectable, Module, NotFoundException, Scope } from '@nestjs/common';
import { NestFactory, REQUEST } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Tenant, TenantContext, TenantRegistry } from '@app/tenancy';
import { FeedPagesMapper, FeedsService } from '@app/feeds';
import { NewsService } from '@app/news';
import { HomeService } from '../../apps/platform/src/home/home.service';
import { portOf, serve } from './child';
import { platformAdapter, realTenants } from './shared';

/**
 * The usual NestJS way: the tenant is a request-scoped provider built from the
 * injected request's Host header. Everything that depends on it (HomeService,
 * then the controller) is re-instantiated for every request.
 */
@Injectable({ scope: Scope.REQUEST })
class RequestTenant {
  readonly tenant: Tenant;

  constructor(@Inject(REQUEST) request: { headers: Record<string, string | string[] | undefined> }, registry: TenantRegistry) {
    const match = registry.match(request.headers.host);
    if (!match) throw new NotFoundException('No tenant is served at this host');
    this.tenant = match.tenant;
  }
}

@Controller('api')
class ServicesController {
  constructor(private readonly home: HomeService) {}

  @Get('services')
  services() {
    return this.home.tiles('id');
  }
}

@Module({
  controllers: [ServicesController],
  providers: [
    { provide: TenantRegistry, useValue: new TenantRegistry(realTenants()) },
    { provide: TenantContext, useClass: RequestTenant, scope: Scope.REQUEST },
    HomeService,
    // tiles() never reads news or data feeds; HomeService's other collaborators are only named so DI can build it.
    ...[NewsService, FeedsService, FeedPagesMapper].map((provide) => ({ provide, useValue: {} })),
  ],
})
class RequestScopedModule {}

serve(async (mark) => {
  const app = await NestFactory.create<NestFastifyApplication>(RequestScopedModule, platformAdapter(), { logger: false });
  mark('created');
  await app.listen(0, '127.0.0.1');
  return { port: portOf(app.getHttpServer()), close: () => app.close() };
});
