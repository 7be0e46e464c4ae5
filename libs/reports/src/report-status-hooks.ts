import { Injectable, Logger } from '@nestjs/common';

/** A report moved from one status to another (by an officer's or validator's action). */
export interface ReportStatusChange {
  tenant: string;
  reportId: string;
  ticketNo: string;
  categoryCode: string;
  fromStatus: string;
  toStatus: string;
  /** The signed-in citizen who filed it; null for an anonymous report. */
  reporterAccountId: string | null;
  at: Date;
}

/** Something that wants to hear of status changes (Web Push, e-mail). Keep it quick: enqueue a job, send nothing here. */
export interface ReportStatusListener {
  reportStatusChanged(change: ReportStatusChange): Promise<void>;
}

/**
 * Where other modules register to hear that a report changed status, so that
 * reports depends on none of them. A listener that fails is logged and never
 * fails the officer's action.
 */
@Injectable()
export class ReportStatusHooks {
  private readonly logger = new Logger('ReportStatusHooks');
  private readonly listeners: ReportStatusListener[] = [];

  register(listener: ReportStatusListener): void {
    this.listeners.push(listener);
  }

  async emit(change: ReportStatusChange): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener.reportStatusChanged(change);
      } catch (error) {
        this.logger.error(`[${change.tenant}] ${listener.constructor.name} failed for ${change.ticketNo}: ${(error as Error).message}`);
      }
    }
  }
}
