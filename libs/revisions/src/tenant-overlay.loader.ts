import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InvalidTenantConfigError, resolveTenants, TenantRegistry } from '@app/tenancy';
import { ConfigRevisionRepository } from './config-revision.repository';
import { TenantSources } from './tenant-sources';

/**
 * At boot, layers each tenant's latest admin revision over its folder. The
 * same validation as the folders applies: an overlay that no longer validates
 * (say, after a folder change) stops the boot with its problems named.
 */
@Injectable()
export class TenantOverlayLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger('TenantOverlays');

  constructor(
    private readonly registry: TenantRegistry,
    private readonly revisions: ConfigRevisionRepository,
    private readonly sources: TenantSources,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const latest = await this.revisions.latestOfEach(this.registry.list().map((t) => t.slug));
    for (const [slug, revision] of latest) {
      if (revision) this.sources.overlays.set(slug, { revision: revision.revision, patch: revision.patch });
    }
    if (this.sources.overlays.size === 0) return;
    const { tenants, problems } = resolveTenants(this.sources.folders, this.sources.overlays);
    if (problems.length > 0) throw new InvalidTenantConfigError(problems);
    this.registry.replaceAll(tenants);
    this.logger.log(`admin revisions applied: ${[...this.sources.overlays].map(([slug, o]) => `${slug}@${o.revision}`).join(', ')}`);
  }
}
