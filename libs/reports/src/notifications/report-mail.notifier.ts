import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AccountsService } from '@app/accounts';
import { Clock } from '@app/config';
import { Mailer } from '@app/mail';
import { ServerKeys } from '@app/security';
import { Locale, TenantContext, TenantUrls } from '@app/tenancy';
import { ViewEngine } from '@app/views';
import { Report } from '../entities';
import { ReportEvents, ReportStatusChanged, ReportSubmitted } from '../events/report-events';
import { queryOf } from '../pages/page-format';
import { ReportSubscriptionRepository } from './report-subscription.repository';
import { open, seal } from './token-seal';

/**
 * E-mail to the reporter: the tracking link right after an anonymous report
 * (when they left an address), and the plain-language status at every status
 * change, to the reporter's account address or the address they left. Only
 * enqueues (Mailer): the mail goes out from a job, with retries.
 */
@Injectable()
export class ReportMailNotifier implements OnModuleInit {
  private readonly logger = new Logger('ReportMail');

  constructor(
    private readonly events: ReportEvents,
    private readonly mailer: Mailer,
    private readonly accounts: AccountsService,
    private readonly subscriptions: ReportSubscriptionRepository,
    private readonly keys: ServerKeys,
    private readonly urls: TenantUrls,
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.events.register({ submitted: (e) => this.submitted(e), statusChanged: (e) => this.statusChanged(e) });
  }

  private async submitted({ report, trackingToken, notifyEmail }: ReportSubmitted): Promise<void> {
    if (!notifyEmail || !trackingToken || report.reporterAccountId) return;
    const locale = this.context.tenant.config.locale.default;
    await this.subscriptions.insert({
      reportId: report.id,
      email: notifyEmail,
      locale,
      sealedToken: seal(this.key(), trackingToken),
      createdAt: this.clock.now(),
    });
    await this.mailer.send({
      to: notifyEmail,
      template: 'report-tracking',
      locale,
      model: { ...this.statusModel(report, report.status, locale), link: this.trackLink(report, trackingToken) },
    });
  }

  private async statusChanged({ report, toStatus }: ReportStatusChanged): Promise<void> {
    const recipient = await this.recipient(report);
    if (!recipient) return;
    await this.mailer.send({
      to: recipient.email,
      template: 'report-status',
      locale: recipient.locale,
      model: { ...this.statusModel(report, toStatus, recipient.locale), name: recipient.name, link: recipient.link },
    });
  }

  private async recipient(report: Report): Promise<{ email: string; name: string; locale: Locale; link: string } | null> {
    const locale = this.context.tenant.config.locale.default;
    if (report.reporterAccountId) {
      const account = await this.accounts.findById(report.reporterAccountId);
      return account
        ? {
            email: account.email,
            name: account.displayName,
            locale,
            link: this.urls.url(`/laporan/saya/${encodeURIComponent(report.ticketNo)}`),
          }
        : null;
    }
    const subscription = await this.subscriptions.find(report.id);
    if (!subscription) return null;
    let token: string | null = null;
    try {
      token = subscription.sealedToken ? open(this.key(), subscription.sealedToken) : null;
    } catch {
      // SESSION_SECRET changed (or was random in development): the link asks for the token instead of carrying it.
      this.logger.warn(`[${report.tenantId}] the tracking token of ${report.ticketNo} can no longer be opened`);
    }
    return { email: subscription.email, name: '', locale: subscription.locale as Locale, link: this.trackLink(report, token) };
  }

  private statusModel(report: Report, status: string, locale: Locale) {
    const tenant = this.context.tenant;
    const name = tenant.config.workflow.statuses[status]?.name;
    const helpKey = `reports.statusHelp.${status}`;
    const help = this.views.text(tenant, locale, helpKey);
    return { ticket: report.ticketNo, status: name ? (name[locale] ?? name.id) : status, statusHelp: help === helpKey ? '' : help };
  }

  private trackLink(report: Report, token: string | null): string {
    return this.urls.url(`/laporan/lacak${queryOf(token ? { tiket: report.ticketNo, token } : { tiket: report.ticketNo })}`);
  }

  /** A key per tenant, derived from the server secret. */
  private key(): Buffer {
    return createHash('sha256').update(this.keys.derive('report-subscription-seal', this.context.tenant.slug)).digest();
  }
}
