import { DynamicModule, Global, Module } from '@nestjs/common';
import { PageInterceptor } from './page.interceptor';
import { PageCache } from './page-cache';
import { PageCacheSync } from './page-cache.sync';
import { ViewEngine, ViewEngineOptions } from './view-engine';

@Global()
@Module({})
export class ViewsModule {
  static forRoot(options: ViewEngineOptions): DynamicModule {
    return {
      module: ViewsModule,
      providers: [
        { provide: ViewEngine, useValue: new ViewEngine(options) },
        PageInterceptor,
        { provide: PageCache, useValue: new PageCache() },
        PageCacheSync,
      ],
      exports: [ViewEngine, PageInterceptor, PageCache, PageCacheSync],
    };
  }
}
