import { Injectable } from '@nestjs/common';
import { AsyncLocalStorage } from 'node:async_hooks';

const storage = new AsyncLocalStorage<Map<symbol, unknown>>();

/**
 * What one request (or job) carries across its async calls: the tenant, the
 * signed-in account. One AsyncLocalStorage entered once per request by the
 * tenancy hook; typed accessors (TenantContext, AccountContext) sit on top.
 * Entries are keyed by symbols, so no two libraries can collide.
 */
@Injectable()
export class RequestContext {
  isActive(): boolean {
    return storage.getStore() !== undefined;
  }

  get<T>(key: symbol): T | undefined {
    return storage.getStore()?.get(key) as T | undefined;
  }

  /** Sets a value in the current context; outside one there is nowhere to keep it. */
  set(key: symbol, value: unknown): void {
    const store = storage.getStore();
    if (!store) throw new Error('no request context: values can only be set inside RequestContext.run()');
    store.set(key, value);
  }

  /** Runs `fn` in a new context (a request, a job, a CLI command). */
  run<T>(fn: () => T): T {
    return storage.run(new Map(), fn);
  }
}
