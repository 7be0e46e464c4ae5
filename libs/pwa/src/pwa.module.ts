import { DynamicModule, Module } from '@nestjs/common';
import { ReportsModule } from '@app/reports';
import { AppIcons } from './app-icons';
import { PwaController } from './pwa.controller';
import { PWA_OPTIONS, PwaOptions } from './pwa.options';

/** The installable app per province: manifest, icons, service worker and offline page. */
@Module({})
export class PwaModule {
  static forRoot(options: PwaOptions): DynamicModule {
    return {
      module: PwaModule,
      imports: [ReportsModule],
      controllers: [PwaController],
      providers: [AppIcons, { provide: PWA_OPTIONS, useValue: options }],
      exports: [AppIcons],
    };
  }
}
