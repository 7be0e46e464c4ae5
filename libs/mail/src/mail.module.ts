import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { MailComposer } from './mail-composer';
import { MailSettings } from './mail.settings';
import { LogMailTransport, MailTransport, SmtpMailTransport } from './mail-transport';
import { Mailer } from './mailer';

/** E-mail for every library: `Mailer.send` (queued), SMTP when SMTP_URL is set, the log otherwise. */
@Global()
@Module({})
export class MailModule implements OnApplicationShutdown {
  constructor(@Inject(MailTransport) private readonly transport: MailTransport) {}

  static forRoot({ settings }: { settings: MailSettings }): DynamicModule {
    return {
      module: MailModule,
      providers: [
        { provide: MailSettings, useValue: settings },
        {
          provide: MailTransport,
          useFactory: (): MailTransport => {
            if (settings.SMTP_URL) return new SmtpMailTransport(settings.SMTP_URL);
            const production = settings.NODE_ENV === 'production';
            if (production)
              new Logger('Mail').warn('SMTP_URL is unset: e-mail (password resets, invitations, notifications) is logged, not sent');
            return new LogMailTransport(!production);
          },
        },
        MailComposer,
        Mailer,
      ],
      exports: [Mailer, MailTransport, MailSettings],
    };
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}
