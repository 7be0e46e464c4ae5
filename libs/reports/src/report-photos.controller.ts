import { Controller, Get, NotFoundException, Param, ParseUUIDPipe, Query, Res } from '@nestjs/common';
import { AccountView, OptionalAccount } from '@app/accounts';
import { TenantContext, TenantService } from '@app/tenancy';
import { Report } from './entities';
import { ReportsService, tokenMatches } from './reports.service';
import { canHandle } from './workflow/report-workflow';

interface Reply {
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

/**
 * Photo bytes, for whoever may see the report: anyone for a public report;
 * for a private one its reporter (account, or the anonymous tracking token)
 * and the staff who handle it. Anyone else gets 404, as for a missing photo.
 */
@Controller('laporan/foto')
@TenantService('reports')
export class ReportPhotosController {
  constructor(
    private readonly reports: ReportsService,
    private readonly context: TenantContext,
  ) {}

  @Get(':id')
  async photo(
    @Param('id', new ParseUUIDPipe({ version: '4' })) id: string,
    @Res() reply: Reply,
    @Query('token') token?: string,
    @OptionalAccount() account?: AccountView,
  ) {
    const file = await this.reports.photoFile(id, (report) => this.maySee(report, account, token));
    if (!file) throw new NotFoundException();
    return reply
      .header('content-type', file.contentType)
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'private, max-age=300')
      .send(file.data);
  }

  private maySee(report: Report, account: AccountView | undefined, token: string | undefined): boolean {
    if (report.privacy === 'public') return true;
    if (token && tokenMatches(token, report.trackingTokenHash)) return true;
    if (!account) return false;
    if (account.id === report.reporterAccountId) return true;
    return (
      account.role !== 'citizen' &&
      canHandle(
        this.context.tenant.config,
        { accountId: account.id, role: account.role, agencyCode: account.agencyCode, regionCode: account.regionCode },
        report,
      )
    );
  }
}
