import { Injectable, Logger } from '@nestjs/common';
import {
  ConfigProblem,
  formatProblem,
  formatProblems,
  quarantinesInvalidTenants,
  resolveTenants,
  TenancySettings,
  Tenant,
  TenantContext,
  TenantOverlay,
  TenantRegistry,
} from '@app/tenancy';
import { PageCache, ViewEngine } from '@app/views';
import { ConfigRevisionRepository } from './config-revision.repository';
import { resolveProposal } from './tenant-proposal';
import { TenantSources } from './tenant-sources';

/**
 * Applies config changes to the running instance: a tenant's new overlay
 * (saved here, or announced by another instance), or edited folders. The
 * registry is replaced whole, so a request sees the old config or the new
 * one; compiled views and cached anonymous pages of the tenants concerned
 * are dropped (on every instance, as each reloads on the announcement).
 */
@Injectable()
export class TenantReloader {
  private readonly logger = new Logger('TenantReload');

  constructor(
    private readonly registry: TenantRegistry,
    private readonly sources: TenantSources,
    private readonly views: ViewEngine,
    private readonly pages: PageCache,
    private readonly revisions: ConfigRevisionRepository,
    private readonly context: TenantContext,
    private readonly settings: TenancySettings,
  ) {}

  /** Puts `overlay` in force for `slug`; an overlay that does not resolve changes nothing and its problems are returned. */
  apply(slug: string, overlay: TenantOverlay | undefined): ConfigProblem[] {
    const { tenant, problems } = resolveProposal(this.sources.folders, slug, overlay, this.registry.list());
    if (!tenant) return problems;
    if (overlay) this.sources.overlays.set(slug, overlay);
    else this.sources.overlays.delete(slug);
    this.replace([tenant]);
    return [];
  }

  /** Reloads a tenant's latest revision from the database (announced by NOTIFY); a no-op when it is already in force. */
  async reloadFromDatabase(slug: string): Promise<void> {
    const current = this.registry.get(slug);
    if (!current) return;
    const latest = await this.context.run(current, () => this.revisions.latest());
    if ((latest?.revision ?? 0) === current.revision) return;
    const problems = this.apply(slug, latest ? { revision: latest.revision, patch: latest.patch } : undefined);
    if (problems.length) problems.forEach((p) => this.logger.error(formatProblem(p)));
    else this.logger.log(`${slug}: admin revision ${latest?.revision ?? 0} applied`);
  }

  async reloadAllFromDatabase(): Promise<void> {
    for (const tenant of this.registry.list()) await this.reloadFromDatabase(tenant.slug);
  }

  /**
   * Re-reads every tenant folder. In development, applies them only if every
   * tenant still resolves, else keeps the last good config. In production,
   * every valid tenant is applied and each invalid one is taken out of
   * service (503) with its problems logged, so one province's broken folder
   * leaves the others serving.
   */
  reloadFolders(): boolean {
    const folders = this.sources.read();
    const { tenants, problems, quarantined } = resolveTenants(folders, this.sources.overlays);
    const count = `${problems.length} problem${problems.length === 1 ? '' : 's'}`;
    if (problems.length > 0 && !quarantinesInvalidTenants(this.settings)) {
      this.logger.error(`tenant folders changed but do not validate; keeping the last good config (${count}):`);
      formatProblems(problems).forEach((line) => this.logger.error(`  ${line}`));
      return false;
    }
    if (problems.length > 0) {
      this.logger.error(
        `tenant folders reloaded with ${count}; under maintenance (503): ${quarantined.map((q) => q.slug).join(', ') || 'none'}`,
      );
      formatProblems(problems).forEach((line) => this.logger.error(`  ${line}`));
    }
    this.sources.folders = folders;
    this.registry.replaceAll(tenants, quarantined);
    this.views.invalidate();
    this.pages.invalidate();
    this.logger.log(`tenant folders reloaded: ${tenants.map((t) => t.slug).join(', ')}`);
    return problems.length === 0;
  }

  private replace(changed: Tenant[]): void {
    const bySlug = new Map(changed.map((t) => [t.slug, t]));
    this.registry.replaceSome(changed);
    for (const slug of bySlug.keys()) {
      this.views.invalidate(slug);
      // Never served again anyway (an entry holds the Tenant it was rendered with); dropped now rather than kept until evicted.
      this.pages.invalidate(slug);
    }
  }
}
