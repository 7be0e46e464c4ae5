import { Injectable } from '@nestjs/common';
import { AccountView } from '@app/accounts';
import { ReportError, ReportErrorCode, ReportsService } from '@app/reports';
import { SubscribeBody } from './dto/push-subscription';
import { isAllowedPushEndpoint, PushSettings } from './push.settings';
import { PushRepository } from './push.repository';
import { VapidKeys } from './vapid-keys.service';

export class PushEndpointRefused extends Error {}

/** Who may subscribe to what: a signed-in citizen to their own reports; anyone holding a report's tracking token to that report. */
@Injectable()
export class PushService {
  constructor(
    private readonly push: PushRepository,
    private readonly vapid: VapidKeys,
    private readonly reports: ReportsService,
    private readonly settings: PushSettings,
  ) {}

  async publicKey(): Promise<string> {
    return (await this.vapid.current()).publicKey;
  }

  async subscribe(body: SubscribeBody, account: AccountView | undefined): Promise<'account' | 'report'> {
    const { endpoint, keys } = body.subscription;
    if (!isAllowedPushEndpoint(endpoint, this.settings.PUSH_SERVICE_ORIGINS)) throw new PushEndpointRefused();
    if (body.ticket !== undefined || body.token !== undefined) {
      if (!body.ticket || !body.token) throw new ReportError(ReportErrorCode.NotFound);
      const report = await this.reports.track(body.ticket.trim().toUpperCase(), body.token.trim());
      await this.push.subscribe({ endpoint, p256dh: keys.p256dh, auth: keys.auth, accountId: null, reportId: report.id });
      return 'report';
    }
    if (account?.role !== 'citizen') throw new ReportError(ReportErrorCode.NotFound);
    await this.push.subscribe({ endpoint, p256dh: keys.p256dh, auth: keys.auth, accountId: account.id, reportId: null });
    return 'account';
  }
}
