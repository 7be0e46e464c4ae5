import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { parseExpression } from 'cron-parser';
import { Clock } from '@app/config';
import { JobQueue } from '@app/jobs';
import { TenantContext, TenantRegistry } from '@app/tenancy';
import { FeedsRepository } from '../feeds.repository';
import { enabledFeeds } from '../feed-sources';
import { FeedPuller } from './feed-puller';

/** The job that pulls one tenant's sources: the due ones (from the schedule), or the one named (from the console). */
export const FEEDS_PULL_JOB = 'feeds-pull';

export interface FeedsPullJob {
  feed?: string;
}

/**
 * Pulls run on the job queue, once per cluster, in their tenant's context (so
 * under its row-level security): every minute a tick sends one job per tenant
 * with the feeds service, and that job pulls each source whose own cron has
 * passed a slot since its last pull. A failed pull is recorded, not thrown, so
 * the queue does not retry it; the next slot tries again.
 */
@Injectable()
export class FeedScheduler implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobQueue,
    private readonly puller: FeedPuller,
    private readonly repository: FeedsRepository,
    private readonly registry: TenantRegistry,
    private readonly context: TenantContext,
    private readonly clock: Clock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.work<FeedsPullJob>(
      FEEDS_PULL_JOB,
      { retryLimit: 1, retryDelaySeconds: 30, retryBackoff: false, expireInSeconds: 600 },
      async (job) => {
        if (job.data.feed) {
          if (enabledFeeds(this.context.tenant)[job.data.feed]) await this.puller.pull(job.data.feed, 'admin');
          return;
        }
        await this.pullDue();
      },
    );
    await this.jobs.schedule(FEEDS_PULL_JOB, '* * * * *', () =>
      this.registry
        .list()
        .filter((t) => t.isEnabled('feeds') && Object.keys(enabledFeeds(t)).length > 0)
        .map((t) => t.slug),
    );
  }

  /** Asks for one source of the current tenant to be pulled now (the console's button). */
  requestPull(feed: string): Promise<string | null> {
    return this.jobs.send<FeedsPullJob>(FEEDS_PULL_JOB, this.context.tenant.slug, { feed });
  }

  /** Pulls the current tenant's sources whose schedule has a slot since their last pull (or that were never pulled). */
  async pullDue(): Promise<number> {
    const feeds = enabledFeeds(this.context.tenant);
    const now = this.clock.now();
    const statuses = await this.repository.statuses(Object.keys(feeds));
    let pulled = 0;
    for (const [code, source] of Object.entries(feeds)) {
      const last = statuses.get(code)?.latest?.startedAt;
      const slot = parseExpression(source.schedule, { currentDate: now, tz: 'UTC' }).prev().toDate();
      if (last && last >= slot) continue;
      await this.puller.pull(code, 'schedule');
      pulled++;
    }
    return pulled;
  }
}
