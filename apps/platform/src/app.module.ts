import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ConfigModule } from '@nestjs/config';
import { ClockModule } from '@app/config';
import { ACCOUNTS_MIGRATIONS, AccountsModule } from '@app/accounts';
import { AUDIT_MIGRATIONS, AuditModule } from '@app/audit';
import { DATABASE_MIGRATIONS, DatabaseModule } from '@app/database';
import { LIFECYCLE_MIGRATIONS, LifecycleModule } from '@app/lifecycle';
import { DirectoryModule } from '@app/directory';
import { FEEDS_MIGRATIONS, FeedsModule } from '@app/feeds';
import { JobsModule } from '@app/jobs';
import { MediaModule } from '@app/media';
import { MailModule } from '@app/mail';
import { NEWS_MIGRATIONS, NewsModule } from '@app/news';
import { ObservabilityModule } from '@app/observability';
import { OPEN311_MIGRATIONS, Open311Module } from '@app/open311';
import { PUSH_MIGRATIONS, PushModule } from '@app/push';
import { PwaModule } from '@app/pwa';
import { REPORTS_MIGRATIONS, ReportsModule } from '@app/reports';
import { REVISIONS_MIGRATIONS, RevisionsModule } from '@app/revisions';
import { SECURITY_MIGRATIONS, SecurityModule } from '@app/security';
import { MAINTENANCE_PAGE, QuarantinedTenant, Tenant, TenancyModule, UNKNOWN_HOST_PAGE } from '@app/tenancy';
import { ViewEngine, ViewsModule } from '@app/views';
import { AdminModule } from './admin/admin.module';
import { AssetsController } from './assets/assets.controller';
import { HttpExceptionFilter } from './errors/http-exception.filter';
import { InputGuard } from './edge/input.guard';
import { HomePageController } from './home/home.page.controller';
import { HomeService } from './home/home.service';
import { HomePreviewPageController } from './home/home-preview.page.controller';
import { LOCALES_DIR, PUBLIC_DIR, VIEWS_DIR } from './paths';
import { PlatformSettings } from './platform.settings';
import { HttpSettings } from './http.settings';
import { TenantApiController } from './tenant/tenant.api.controller';
import { TenantInfoService } from './tenant/tenant-info.service';

/** Every migration of every library, in timestamp order (their class names end in it). */
export const MIGRATIONS = [
  ...DATABASE_MIGRATIONS,
  ...REVISIONS_MIGRATIONS,
  ...ACCOUNTS_MIGRATIONS,
  ...AUDIT_MIGRATIONS,
  ...REPORTS_MIGRATIONS,
  ...OPEN311_MIGRATIONS,
  ...NEWS_MIGRATIONS,
  ...SECURITY_MIGRATIONS,
  ...FEEDS_MIGRATIONS,
  ...PUSH_MIGRATIONS,
  ...LIFECYCLE_MIGRATIONS,
].sort((a, b) => Number(/\d+$/.exec(a.name)![0]) - Number(/\d+$/.exec(b.name)![0]));

export interface AppModuleOptions {
  settings: PlatformSettings;
  tenants?: Tenant[];
}

@Module({})
export class AppModule {
  static register({ settings, tenants }: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ClockModule,
        ConfigModule.forRoot({ ignoreEnvFile: true, isGlobal: true, load: [() => settings] }),
        TenancyModule.forRoot({ settings: settings.tenancy, tenants }),
        DatabaseModule.forRoot({ settings: settings.database, migrations: MIGRATIONS }),
        ViewsModule.forRoot({ viewsDir: VIEWS_DIR, localesDir: LOCALES_DIR }),
        SecurityModule.forRoot({ settings: settings.security, databaseIsShared: settings.database.DATABASE_URL !== undefined }),
        JobsModule.forRoot({ settings: settings.jobs }),
        MediaModule.forRoot({ settings: settings.media, dataDir: settings.database.DATA_DIR }),
        MailModule.forRoot({ settings: settings.mail }),
        ObservabilityModule.forRoot({ settings: settings.observability }),
        AuditModule,
        RevisionsModule,
        AccountsModule,
        ReportsModule,
        Open311Module,
        NewsModule,
        DirectoryModule,
        FeedsModule.forRoot({ settings: settings.feeds }),
        AdminModule,
        PwaModule.forRoot({ publicDir: PUBLIC_DIR }),
        PushModule.forRoot({ settings: settings.push }),
        LifecycleModule,
      ],
      controllers: [HomePageController, HomePreviewPageController, TenantApiController, AssetsController],
      providers: [
        HomeService,
        TenantInfoService,
        { provide: HttpSettings, useValue: settings.http },
        { provide: APP_FILTER, useClass: HttpExceptionFilter },
        // Input is refused at the edge, once: InputGuard for what no DTO can express (bytes, depth, repeated
        // parameters), then one ValidationPipe for every body, query and path DTO.
        { provide: APP_GUARD, useClass: InputGuard },
        { provide: APP_PIPE, useValue: new ValidationPipe({ whitelist: true, transform: true, forbidNonWhitelisted: true }) },
        {
          provide: UNKNOWN_HOST_PAGE,
          inject: [ViewEngine],
          useFactory: (views: ViewEngine) => {
            // Rendered once, from the base views only: it never shows any tenant's content.
            const html = views.render(
              null,
              'pages/error',
              {
                title: '404',
                heading: views.text(null, 'id', 'errors.unknownHost'),
                message: views.text(null, 'id', 'errors.unknownHostBody'),
              },
              'id',
            );
            return () => html;
          },
        },
        {
          provide: MAINTENANCE_PAGE,
          inject: [ViewEngine],
          // In Indonesian, from the base views, under the tenant's name and colours where those validated on their own.
          useFactory: (views: ViewEngine) => (tenant: QuarantinedTenant) =>
            views.renderUnderBranding(
              { appName: tenant.appName, colors: tenant.colors },
              'pages/error',
              {
                title: '503',
                heading: views.text(null, 'id', 'errors.maintenance'),
                message: views.text(null, 'id', 'errors.maintenanceBody'),
              },
              'id',
            ),
        },
      ],
    };
  }
}
