import { Module } from '@nestjs/common';
import { SuspendedTenantsListener } from './suspended-tenants.listener';

/** Tenant lifecycle on the serving side: suspensions, held on every instance. The commands live in the CLI. */
@Module({ providers: [SuspendedTenantsListener] })
export class LifecycleModule {}
