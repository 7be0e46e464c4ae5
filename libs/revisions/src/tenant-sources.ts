import { Inject, Injectable } from '@nestjs/common';
import { resolve } from 'node:path';
import { readTenantFolders, TENANT_FOLDERS, TenancySettings, TenantFolders, TenantOverlay } from '@app/tenancy';

/**
 * What the registry's tenants were resolved from: the last good reading of
 * the tenant folders and each tenant's admin overlay in force. Kept so that a
 * revision (or a folder edit) re-resolves one tenant without re-reading the rest.
 */
@Injectable()
export class TenantSources {
  folders: TenantFolders;
  readonly overlays = new Map<string, TenantOverlay>();

  constructor(
    private readonly settings: TenancySettings,
    @Inject(TENANT_FOLDERS) folders: TenantFolders,
  ) {
    this.folders = folders;
  }

  get dir(): string {
    return resolve(this.settings.TENANTS_DIR);
  }

  read(): TenantFolders {
    return readTenantFolders(this.dir);
  }
}
