import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { loadTenants, TenancySettings, TenantOverlay, TenantRegistry } from '@app/tenancy';
import { ConfigRevisionRepository } from './config-revision.repository';

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
    private readonly settings: TenancySettings,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const overlays = new Map<string, TenantOverlay>();
    const latest = await this.revisions.latestOfEach(this.registry.list().map((t) => t.slug));
    for (const [slug, revision] of latest) {
      if (revision) overlays.set(slug, { revision: revision.revision, patch: revision.patch });
    }
    if (overlays.size === 0) return;
    this.registry.replaceAll(loadTenants(this.settings.TENANTS_DIR, overlays));
    this.logger.log(`admin revisions applied: ${[...overlays].map(([slug, o]) => `${slug}@${o.revision}`).join(', ')}`);
  }
}
