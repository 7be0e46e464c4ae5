import { CanActivate, ExecutionContext, Injectable, NotFoundException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { TenantContext } from '../resolution/tenant-context';
import { ServiceKey } from './service-catalog';
import { TENANT_SERVICE } from './tenant-service.decorator';

/** A disabled service does not exist for the tenant: its routes answer 404, like any unknown path. */
@Injectable()
export class TenantServiceGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly context: TenantContext,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const key = this.reflector.getAllAndOverride<ServiceKey | undefined>(TENANT_SERVICE, [ctx.getHandler(), ctx.getClass()]);
    if (key && !this.context.tenant.isEnabled(key)) throw new NotFoundException();
    return true;
  }
}
