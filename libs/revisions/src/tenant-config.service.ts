import { Injectable } from '@nestjs/common';
import { AuditActor, AuditService } from '@app/audit';
import { ReportsService } from '@app/reports';
import { diffPatch, Json, JsonObject, mergePatch, resolveTenant, Tenant, TenantContext, TenantRegistry } from '@app/tenancy';
import { effectiveDiffs, ValueChange } from './config-history';
import { ConfigRevision } from './config-revision.entity';
import { ConfigRevisionRepository } from './config-revision.repository';
import { TenantConfigError, TenantConfigErrorCode } from './tenant-config.error';
import { resolveProposal, retiredAgencies } from './tenant-proposal';
import { TenantReloader } from './tenant-reloader';
import { TenantSources } from './tenant-sources';

export interface RevisionHistoryEntry {
  revision: ConfigRevision;
  /** What the revision changed in the effective config (a merge patch). */
  diff: Json;
  /** The same, value by value, old → new. */
  changes: ValueChange[];
  current: boolean;
}

/**
 * The admin's changes to the current tenant's config. Every save is a
 * revision holding the complete overlay (the effective config's difference
 * from the folders), validated like the folders before it is stored, audited,
 * and applied at once here and, through NOTIFY, on every other instance.
 */
@Injectable()
export class TenantConfigService {
  constructor(
    private readonly context: TenantContext,
    private readonly registry: TenantRegistry,
    private readonly revisions: ConfigRevisionRepository,
    private readonly sources: TenantSources,
    private readonly reloader: TenantReloader,
    private readonly audit: AuditService,
    private readonly reports: ReportsService,
  ) {}

  get tenant(): Tenant {
    return this.context.tenant;
  }

  /** Merges `change` into the effective config and saves the result as a new revision. */
  async propose(change: JsonObject, actor: AuditActor, message: string): Promise<ConfigRevision> {
    const baseline = this.baseline();
    // From the latest stored revision, not this instance's copy: another instance may have saved a moment ago.
    const latest = await this.revisions.latest();
    const effective = mergePatch(mergePatch(baseline, latest?.patch ?? {}), change);
    const overlay = (diffPatch(baseline, effective) ?? {}) as JsonObject;
    return this.save(overlay, actor, message, { change });
  }

  /** The tenant as it would be with `change`, validated, for a preview: nothing is saved or applied. */
  preview(change: JsonObject): Tenant {
    const before = this.tenant;
    const overlay = (diffPatch(this.baseline(), mergePatch(before.config as unknown as JsonObject, change)) ?? {}) as JsonObject;
    const { tenant, problems } = resolveProposal(
      this.sources.folders,
      before.slug,
      { revision: before.revision + 1, patch: overlay },
      this.registry.list(),
    );
    if (!tenant) throw new TenantConfigError(TenantConfigErrorCode.Invalid, problems);
    return tenant;
  }

  /** A new revision whose overlay is that of `toRevision` (0: the folders alone), validated again. */
  async rollback(toRevision: number, actor: AuditActor, message: string): Promise<ConfigRevision> {
    const target = toRevision === 0 ? { patch: {} } : await this.revisions.find(toRevision);
    if (!target) throw new TenantConfigError(TenantConfigErrorCode.UnknownRevision, [], { revision: toRevision });
    return this.save(target.patch, actor, message, { rollbackTo: toRevision });
  }

  /** Every revision, newest first, with the diff of the effective config it made. */
  async history(): Promise<RevisionHistoryEntry[]> {
    const list = await this.revisions.list();
    const diffs = effectiveDiffs(this.baseline(), list);
    return list.map((revision) => ({
      revision,
      diff: diffs.get(revision.revision)?.diff ?? {},
      changes: diffs.get(revision.revision)?.changes ?? [],
      current: revision.revision === this.tenant.revision,
    }));
  }

  openReportsOf(agency: string): Promise<number> {
    return this.reports.openCountByAgency(agency);
  }

  /** Moves every open report of `from` to `to` (so that `from` can be retired); audited. */
  async reassignOpenReports(from: string, to: string, actor: AuditActor): Promise<number> {
    const { agencies } = this.tenant.config;
    const problems = [
      ...(Object.hasOwn(agencies, to) && to !== from
        ? []
        : [{ tenant: this.tenant.slug, file: '', path: 'to', message: `unknown agency '${to}'` }]),
    ];
    if (problems.length) throw new TenantConfigError(TenantConfigErrorCode.Invalid, problems);
    const tickets = await this.reports.reassignOpenReports(from, to, actor);
    await this.audit.record(actor, {
      action: 'config.agency.reassign',
      target: from,
      summary: `${tickets.length} open reports moved from ${from} to ${to}`,
      changes: { from, to, tickets },
    });
    return tickets.length;
  }

  private async save(overlay: JsonObject, actor: AuditActor, message: string, audit: Record<string, unknown>): Promise<ConfigRevision> {
    const before = this.tenant;
    const next = ((await this.revisions.latest())?.revision ?? 0) + 1;
    // Open reports first: the clearest reason to refuse, and what the admin must act on before anything else.
    const effective = mergePatch(this.baseline(), overlay) as { agencies?: unknown };
    for (const code of retiredAgencies(before.config, effective)) {
      const open = await this.reports.openCountByAgency(code);
      if (open > 0) {
        throw new TenantConfigError(
          TenantConfigErrorCode.AgencyHasOpenReports,
          [
            {
              tenant: before.slug,
              file: `admin revision ${next}`,
              path: `agencies.${code}`,
              message: `agency '${code}' still has ${open} open report(s): reassign them to another agency first`,
            },
          ],
          { agency: code, count: open },
        );
      }
    }
    const { tenant: proposed, problems } = resolveProposal(
      this.sources.folders,
      before.slug,
      { revision: next, patch: overlay },
      this.registry.list(),
    );
    if (!proposed) throw new TenantConfigError(TenantConfigErrorCode.Invalid, problems);
    const saved = await this.revisions.append(overlay, actor.label, message);
    await this.audit.record(actor, {
      action: 'config.revision',
      target: String(saved.revision),
      summary: message,
      changes: { ...audit, diff: diffPatch(before.config as unknown as Json, proposed.config as unknown as Json) ?? {} },
    });
    this.reloader.apply(before.slug, { revision: saved.revision, patch: overlay });
    return saved;
  }

  /** The tenant's config from its folders alone. */
  private baseline(): JsonObject {
    const folder = this.sources.folders.folders.get(this.tenant.slug);
    const resolved = folder && resolveTenant(folder, this.sources.folders.folders);
    if (!resolved?.tenant) throw new TenantConfigError(TenantConfigErrorCode.Invalid, resolved?.problems ?? []);
    return resolved.tenant.config as unknown as JsonObject;
  }
}
