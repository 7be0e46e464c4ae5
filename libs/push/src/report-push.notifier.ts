import { Injectable, Logger, OnApplicationBootstrap, OnModuleInit } from '@nestjs/common';
import { JobQueue } from '@app/jobs';
import { ReportEvents, ReportListener, ReportStatusChanged } from '@app/reports';
import { TenantContext } from '@app/tenancy';
import { ViewEngine } from '@app/views';
import { PushMessage, PushSender } from './push-sender';
import { PushSettings } from './push.settings';
import { PushRepository } from './push.repository';
import { VapidKeys } from './vapid-keys.service';

/** One job per status change: finds who is subscribed and sends one delivery job each. */
export const PUSH_STATUS_JOB = 'push-report-status';
/** One job per browser, retried on its own, so a push service that is down delays nobody else and nobody hears twice. */
export const PUSH_DELIVERY_JOB = 'push-delivery';

interface StatusJob {
  reportId: string;
  ticketNo: string;
  categoryCode: string;
  toStatus: string;
  reporterAccountId: string | null;
}

interface DeliveryJob {
  subscriptionId: string;
  message: PushMessage;
}

/**
 * Web Push when a report changes status: the hook only enqueues a job (the
 * officer's request never waits for a push service); the jobs run in the
 * tenant's context with retries (libs/jobs).
 */
@Injectable()
export class ReportPushNotifier implements ReportListener, OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger('WebPush');

  constructor(
    private readonly events: ReportEvents,
    private readonly jobs: JobQueue,
    private readonly push: PushRepository,
    private readonly vapid: VapidKeys,
    private readonly sender: PushSender,
    private readonly context: TenantContext,
    private readonly views: ViewEngine,
    private readonly settings: PushSettings,
  ) {}

  onModuleInit(): void {
    this.events.register(this);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work<StatusJob>(
      PUSH_STATUS_JOB,
      { retryLimit: 3, retryDelaySeconds: 10, retryBackoff: true, expireInSeconds: 120 },
      (job) => this.fanOut(job.data),
    );
    await this.jobs.work<DeliveryJob>(
      PUSH_DELIVERY_JOB,
      { retryLimit: 5, retryDelaySeconds: 15, retryBackoff: true, expireInSeconds: 60 },
      (job) => this.deliver(job.data),
    );
  }

  async statusChanged({ report, toStatus }: ReportStatusChanged): Promise<void> {
    const data: StatusJob = {
      reportId: report.id,
      ticketNo: report.ticketNo,
      categoryCode: report.categoryCode,
      toStatus,
      reporterAccountId: report.reporterAccountId,
    };
    await this.jobs.send(PUSH_STATUS_JOB, this.context.tenant.slug, data);
  }

  private async fanOut(job: StatusJob): Promise<void> {
    const { tenant } = this.context;
    const subscribers = await this.push.subscribersOf(job.reportId, job.reporterAccountId);
    if (subscribers.length === 0) return;
    // The tenant's language: a push message is read outside any page, and the subscription has none.
    const locale = tenant.config.locale.default;
    const category = tenant.config.categories[job.categoryCode]?.name;
    const status = tenant.config.workflow.statuses[job.toStatus]?.name;
    const params = {
      ticket: job.ticketNo,
      status: status?.[locale] ?? status?.id ?? job.toStatus,
      category: category?.[locale] ?? category?.id ?? job.categoryCode,
    };
    for (const subscriber of subscribers) {
      // An anonymous reporter's tracking link holds a secret the server does not keep: the tracking form opens instead.
      const url = job.reporterAccountId
        ? `/laporan/saya/${encodeURIComponent(job.ticketNo)}`
        : `/laporan/lacak?tiket=${encodeURIComponent(job.ticketNo)}`;
      const message: PushMessage = {
        title: this.views.text(tenant, locale, 'pwa.push.title', params),
        body: this.views.text(tenant, locale, 'pwa.push.body', params),
        url,
        tag: `report-${job.ticketNo}`,
      };
      await this.jobs.send<DeliveryJob>(
        PUSH_DELIVERY_JOB,
        tenant.slug,
        { subscriptionId: subscriber.id, message },
        { singletonKey: `${subscriber.id}:${job.ticketNo}:${job.toStatus}`, singletonSeconds: 60 },
      );
    }
  }

  private async deliver(job: DeliveryJob): Promise<void> {
    const subscription = await this.push.subscription(job.subscriptionId);
    if (!subscription) return;
    const outcome = await this.sender.send(subscription, job.message, await this.vapid.current(), this.settings.PUSH_SUBJECT);
    if (outcome === 'gone') await this.push.forget(subscription.endpoint);
    if (outcome === 'refused')
      this.logger.warn(`[${this.context.tenant.slug}] a push service refused a message for subscription ${subscription.id}`);
    // Thrown, the job is retried later with backoff.
    if (outcome === 'retry') throw new Error('push service busy or unavailable');
  }
}
