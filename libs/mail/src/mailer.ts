import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { JobQueue } from '@app/jobs';
import { Locale, TenantContext } from '@app/tenancy';
import { MailComposer } from './mail-composer';
import { maskAddress, MailTransport } from './mail-transport';

export const MAIL_JOB = 'mail-send';

/** A message to send: a template of the current tenant, its model (plain JSON: it travels through the job queue). */
export interface MailRequest {
  to: string;
  template: string;
  locale: Locale;
  model: Record<string, string | number | boolean | null>;
}

/**
 * Sends e-mail off the request path: `send` only enqueues a `mail-send` job
 * for the current tenant; a worker renders it in that tenant's context and
 * hands it to the transport. A failed delivery (server down, refused) is
 * retried 5 times from 30 s, doubling (30 s … 8 min), then given up and logged.
 */
@Injectable()
export class Mailer implements OnApplicationBootstrap {
  private readonly logger = new Logger('Mail');

  constructor(
    private readonly jobs: JobQueue,
    private readonly context: TenantContext,
    private readonly composer: MailComposer,
    private readonly transport: MailTransport,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work<MailRequest>(
      MAIL_JOB,
      { retryLimit: 5, retryDelaySeconds: 30, retryBackoff: true, expireInSeconds: 120 },
      async (job) => {
        await this.deliver(job.data);
      },
    );
  }

  async send(request: MailRequest): Promise<void> {
    await this.jobs.send(MAIL_JOB, this.context.tenant.slug, request);
  }

  /** Renders and delivers now, in the current tenant's context (the job's handler). */
  async deliver(request: MailRequest): Promise<void> {
    const mail = this.composer.compose(request.template, request.to, request.locale, request.model);
    try {
      await this.transport.deliver(mail);
    } catch (e) {
      this.logger.warn(`[${mail.tenant}] ${mail.template} to ${maskAddress(mail.to)} failed (will retry): ${(e as Error).message}`);
      throw e;
    }
  }
}
