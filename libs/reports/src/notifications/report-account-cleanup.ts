import { Injectable, OnModuleInit } from '@nestjs/common';
import { AccountEvents } from '@app/accounts';
import { ReportRepository } from '../report.repository';

/** When a citizen deletes their account (UU PDP), their reports are anonymised, not deleted: the public record of a problem stays. */
@Injectable()
export class ReportAccountCleanup implements OnModuleInit {
  constructor(
    private readonly events: AccountEvents,
    private readonly reports: ReportRepository,
  ) {}

  onModuleInit(): void {
    this.events.onDeleting((accountId) => this.reports.anonymiseReporter(accountId));
  }
}
