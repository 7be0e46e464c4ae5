import { Injectable } from '@nestjs/common';
import { ConfigRevisionRepository } from '@app/revisions';
import { SERVICE_CATALOG, TenantContext, isServiceKey } from '@app/tenancy';

@Injectable()
export class TenantInfoService {
  constructor(
    private readonly context: TenantContext,
    private readonly revisions: ConfigRevisionRepository,
  ) {}

  /** What a client app needs to know of its tenant; the revision is read through row-level security. */
  async describe() {
    const { slug, config } = this.context.tenant;
    const latest = await this.revisions.latest();
    return {
      slug,
      name: config.name,
      appName: config.branding.appName,
      locale: config.locale,
      timezone: config.timezone,
      services: Object.keys(SERVICE_CATALOG)
        .filter(isServiceKey)
        .filter((k) => this.context.tenant.isEnabled(k)),
      configRevision: latest ? { revision: latest.revision, createdAt: latest.createdAt.toISOString() } : null,
    };
  }
}
