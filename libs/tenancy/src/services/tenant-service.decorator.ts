import { SetMetadata } from '@nestjs/common';
import { ServiceKey } from './service-catalog';

export const TENANT_SERVICE = 'replika:tenant-service';

/** Marks a controller (or handler) as part of a service: 404 for tenants that have not enabled it. */
export const TenantService = (key: ServiceKey) => SetMetadata(TENANT_SERVICE, key);
