import { Injectable } from '@nestjs/common';
import webpush from 'web-push';
import { TenantContext } from '@app/tenancy';
import { PushRepository, VapidKeyPair } from './push.repository';

/**
 * Each tenant's VAPID key pair: made the first time the tenant needs it and
 * kept in its own row (RLS), so a province's push messages are signed by that
 * province alone and no private key lives in the repository, the tenant
 * folders or the environment. Read once per tenant, then kept in memory.
 */
@Injectable()
export class VapidKeys {
  private readonly cache = new Map<string, Promise<VapidKeyPair>>();

  constructor(
    private readonly push: PushRepository,
    private readonly context: TenantContext,
  ) {}

  current(): Promise<VapidKeyPair> {
    const { slug } = this.context.tenant;
    let keys = this.cache.get(slug);
    if (!keys) {
      keys = this.push.vapidKeys(() => webpush.generateVAPIDKeys());
      keys.catch(() => this.cache.delete(slug));
      this.cache.set(slug, keys);
    }
    return keys;
  }
}
