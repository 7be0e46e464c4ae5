import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { PgListener } from '@app/database';
import { TENANT_CONFIG_CHANNEL } from './config-revision.repository';
import { TenantReloader } from './tenant-reloader';

/**
 * Every instance hears saved revisions (PgListener) and reloads the announced
 * tenant from the database; after a dropped connection comes back, every
 * tenant is reloaded, since announcements may have been missed. On the
 * embedded PGlite there is only ever one instance, which applies its own
 * revisions directly.
 */
@Injectable()
export class TenantConfigListener implements OnApplicationBootstrap {
  constructor(
    private readonly listener: PgListener,
    private readonly reloader: TenantReloader,
  ) {}

  onApplicationBootstrap(): Promise<void> {
    return this.listener.listen(
      TENANT_CONFIG_CHANNEL,
      (slug) => slug && this.reloader.reloadFromDatabase(slug),
      () => this.reloader.reloadAllFromDatabase(),
    );
  }
}
