import { Injectable, Logger } from '@nestjs/common';
import { Report } from '../entities';

/** A report moved from one workflow status to another (committed). */
export interface ReportStatusChanged {
  report: Report;
  fromStatus: string;
  toStatus: string;
}

/** A new report was stored (not a replay). */
export interface ReportSubmitted {
  report: Report;
  /** The anonymous reporter's tracking token (null for a signed-in reporter's report). */
  trackingToken: string | null;
  /** The e-mail an anonymous reporter left to receive the tracking link and news of the report. */
  notifyEmail: string | null;
}

/**
 * What a module does when reports change: e-mail, Web Push, a webhook. Each
 * method runs inside the request (or job) that made the change, after it
 * committed, in the tenant's context: enqueue work there (JobQueue, Mailer),
 * don't do it. A listener that throws is logged; the change stands.
 */
export interface ReportListener {
  statusChanged?(event: ReportStatusChanged): Promise<void>;
  submitted?(event: ReportSubmitted): Promise<void>;
}

/** The hook: modules `register` a listener once (onModuleInit); reports' services `emit` after each change. */
@Injectable()
export class ReportEvents {
  private readonly logger = new Logger('ReportEvents');
  private readonly listeners: ReportListener[] = [];

  register(listener: ReportListener): void {
    this.listeners.push(listener);
  }

  async statusChanged(event: ReportStatusChanged): Promise<void> {
    for (const listener of this.listeners) await this.safely(() => listener.statusChanged?.(event), event.report);
  }

  async submitted(event: ReportSubmitted): Promise<void> {
    for (const listener of this.listeners) await this.safely(() => listener.submitted?.(event), event.report);
  }

  private async safely(call: () => Promise<void> | undefined, report: Report): Promise<void> {
    try {
      await call();
    } catch (e) {
      this.logger.error(`[${report.tenantId}] listener failed for ${report.ticketNo}: ${(e as Error).message}`);
    }
  }
}
