import 'reflect-metadata';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Controller, Get, Injectable, MiddlewareConsumer, Module, NestMiddleware, NestModule } from '@nestjs/common';
import { APP_GUARD, NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ClsMiddleware, ClsModule, ClsService } from 'nestjs-cls';
import { TenancyMiddleware, TenancySettings, TenantContext, TenantRegistry, UNKNOWN_HOST_PAGE } from '@app/tenancy';
import { TenantServiceGuard } from '../../libs/tenancy/src/services/tenant-service.guard';
import { HomeService } from '../../apps/platform/src/home/home.service';
import { portOf, serve } from './child';
import { platformAdapter, realTenants } from './shared';

/*
 * Diagnostic, not part of the default run: the platform's tenancy stack (real
 * TenancyMiddleware, TenantContext, TenantServiceGuard, HomeService) without
 * the database and the other modules, with the CLS layer swapped by BENCH_PROBE:
 *
 *   cls          ClsModule.forRoot({ middleware: { mount: false } }) + ClsMiddleware, as TenancyModule does today
 *   cls-noproxy  the same with resolveProxyProviders: false (no per-request dynamic require)
 *   als          no nestjs-cls: a ClsService-shaped store on one AsyncLocalStorage, entered by a Nest middleware
 *   als-hook     the same store entered in a Fastify onRequest hook, tenancy resolved there too (no Nest middleware)
 */
const MODE = process.env.BENCH_PROBE ?? 'cls';

/** The subset of ClsService TenantContext uses, on a plain AsyncLocalStorage. */
class AlsStore {
  readonly als = new AsyncLocalStorage<Map<string, unknown>>();
  isActive() {
    return this.als.getStore() !== undefined;
  }
  get<T>(key: string): T {
    return this.als.getStore()?.get(key) as T;
  }
  set(key: string, value: unknown) {
    this.als.getStore()!.set(key, value);
  }
  run<T>(fn: () => T): T {
    return this.als.run(new Map(), fn);
  }
}
const store = new AlsStore();

@Injectable()
class AlsMiddleware implements NestMiddleware {
  use(_req: unknown, _res: unknown, next: () => void) {
    store.run(next);
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

const cls = MODE.startsWith('cls');
const common = [
  { provide: TenancySettings, useValue: Object.assign(new TenancySettings(), { TRUST_PROXY: false }) },
  { provide: TenantRegistry, useValue: new TenantRegistry(realTenants()) },
  { provide: UNKNOWN_HOST_PAGE, useValue: () => '<h1>404</h1>' },
  TenantContext,
  TenancyMiddleware,
  HomeService,
  { provide: APP_GUARD, useClass: TenantServiceGuard },
];

@Module({
  imports: cls ? [ClsModule.forRoot({ global: true, middleware: { mount: false, resolveProxyProviders: MODE !== 'cls-noproxy' } })] : [],
  controllers: [ServicesController],
  providers: cls ? common : [...common, { provide: ClsService, useValue: store }],
})
class ProbeModule implements NestModule {
  configure(consumer: MiddlewareConsumer) {
    if (MODE === 'als-hook') return;
    consumer.apply(cls ? ClsMiddleware : AlsMiddleware, TenancyMiddleware).forRoutes('{*path}');
  }
}

serve(async (mark) => {
  const app = await NestFactory.create<NestFastifyApplication>(ProbeModule, platformAdapter(), { logger: false });
  if (MODE === 'als-hook') {
    const tenancy = app.get(TenancyMiddleware);
    app.getHttpAdapter().getInstance().addHook('onRequest', (request, reply, done) => {
      store.run(() => tenancy.use(request.raw, reply.raw, done));
    });
  }
  mark('created');
  await app.listen(0, '127.0.0.1');
  return { port: portOf(app.getHttpServer()), close: () => app.close() };
});
