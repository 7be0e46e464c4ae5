import { DynamicModule, Module } from '@nestjs/common';
import { ReportsModule } from '@app/reports';
import { PushController } from './push.controller';
import { PushRepository } from './push.repository';
import { PushSender } from './push-sender';
import { PushService } from './push.service';
import { PushSettings } from './push.settings';
import { ReportPushNotifier } from './report-push.notifier';
import { VapidKeys } from './vapid-keys.service';

/** Web Push: per-tenant VAPID keys, subscriptions, and a message to the reporter when a report changes status. */
@Module({})
export class PushModule {
  static forRoot(options: { settings: PushSettings }): DynamicModule {
    return {
      module: PushModule,
      imports: [ReportsModule],
      controllers: [PushController],
      providers: [
        { provide: PushSettings, useValue: options.settings },
        PushRepository,
        VapidKeys,
        PushSender,
        PushService,
        ReportPushNotifier,
      ],
      exports: [PushSender],
    };
  }
}
