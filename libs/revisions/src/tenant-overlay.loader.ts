import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { quarantinesInvalidTenants, resolveForServing, TenancySettings, TenantRegistry } from '@app/tenancy';
import { ConfigRevisionRepository } from './config-revision.repository';
import { TenantSources } from './tenant-sources';

/**
 * At boot, layers each tenant's latest admin revision over its folder. The
 * same validation as the folders applies: an overlay that no longer validates
 * (say, after a folder change or an upgrade) stops the boot with its problems
 * named, or in production takes only that tenant out of service (503).
 */
@Injectable()
export class TenantOverlayLoader implements OnApplicationBootstrap {
  private readonly logger = new Logger('TenantOverlays');

  constructor(
    private readonly registry: TenantRegistry,
    private readonly revisions: ConfigRevisionRepository,
    private readonly sources: TenantSources,
    private readonly settings: TenancySettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const latest = await this.revisions.latestOfEach(this.registry.list().map((t) => t.slug));
    for (const [slug, revision] of latest) {
      if (revision) this.sources.overlays.set(slug, { revision: revision.revision, patch: revision.patch });
    }
    if (this.sources.overlays.size === 0) return;
    const { tenants, quarantined } = resolveForServing(
      this.sources.folders,
      this.sources.overlays,
      quarantinesInvalidTenants(this.settings),
      (line) => this.logger.error(line),
    );
    this.registry.replaceAll(tenants, [
      ...quarantined,
      ...this.registry.quarantinedList().filter((q) => !quarantined.some((o) => o.slug === q.slug)),
    ]);
    this.logger.log(`admin revisions applied: ${[...this.sources.overlays].map(([slug, o]) => `${slug}@${o.revision}`).join(', ')}`);
  }
}
