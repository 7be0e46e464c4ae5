import { DynamicModule, Global, Module } from '@nestjs/common';
import { PageInterceptor } from './page.interceptor';
import { ViewEngine, ViewEngineOptions } from './view-engine';

@Global()
@Module({})
export class ViewsModule {
  static forRoot(options: ViewEngineOptions): DynamicModule {
    return {
      module: ViewsModule,
      providers: [{ provide: ViewEngine, useValue: new ViewEngine(options) }, PageInterceptor],
      exports: [ViewEngine, PageInterceptor],
    };
  }
}
