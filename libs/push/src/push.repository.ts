import { Injectable } from '@nestjs/common';
import { TenantDatabase } from '@app/database';
import { TenantContext } from '@app/tenancy';

export interface VapidKeyPair {
  publicKey: string;
  privateKey: string;
}

export interface PushSubscriptionRow {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

export interface NewPushSubscription {
  endpoint: string;
  p256dh: string;
  auth: string;
  accountId: string | null;
  reportId: string | null;
}

/** Every query of Web Push, inside the tenant's transaction (RLS filters the rows). */
@Injectable()
export class PushRepository {
  constructor(
    private readonly db: TenantDatabase,
    private readonly context: TenantContext,
  ) {}

  /** The tenant's key pair, storing `made` first if it has none (the first instance to store one wins). */
  vapidKeys(made: () => VapidKeyPair): Promise<VapidKeyPair> {
    const tenantId = this.context.tenant.slug;
    return this.db.transaction(async (m) => {
      const [found] = await m.query<{ public_key: string; private_key: string }[]>(`SELECT public_key, private_key FROM push_vapid_keys`);
      if (found) return { publicKey: found.public_key, privateKey: found.private_key };
      const pair = made();
      await m.query(`INSERT INTO push_vapid_keys (tenant_id, public_key, private_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [
        tenantId,
        pair.publicKey,
        pair.privateKey,
      ]);
      const [stored] = await m.query<{ public_key: string; private_key: string }[]>(`SELECT public_key, private_key FROM push_vapid_keys`);
      return { publicKey: stored.public_key, privateKey: stored.private_key };
    });
  }

  /** Adds a subscription, or renews the keys of the same browser's subscription for the same account or report. */
  subscribe(s: NewPushSubscription): Promise<void> {
    const tenantId = this.context.tenant.slug;
    return this.db.transaction(async (m) => {
      await m.query(
        `
        INSERT INTO push_subscriptions (tenant_id, endpoint, p256dh, auth, account_id, report_id) VALUES ($1, $2, $3, $4, $5, $6)
        ON CONFLICT (tenant_id, endpoint, account_id, report_id) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth`,
        [tenantId, s.endpoint, s.p256dh, s.auth, s.accountId, s.reportId],
      );
    });
  }

  /** Who hears of a report: its reporter's browsers and those subscribed to the report itself (one row per endpoint). */
  subscribersOf(reportId: string, reporterAccountId: string | null): Promise<PushSubscriptionRow[]> {
    return this.db.transaction((m) =>
      m.query<PushSubscriptionRow[]>(
        `
      SELECT DISTINCT ON (endpoint) id, endpoint, p256dh, auth FROM push_subscriptions
       WHERE report_id = $1 OR (account_id = $2 AND report_id IS NULL)
       ORDER BY endpoint, created_at DESC`,
        [reportId, reporterAccountId],
      ),
    );
  }

  subscription(id: string): Promise<PushSubscriptionRow | null> {
    return this.db.transaction(async (m) => {
      const [row] = await m.query<PushSubscriptionRow[]>(`SELECT id, endpoint, p256dh, auth FROM push_subscriptions WHERE id = $1`, [id]);
      return row ?? null;
    });
  }

  /** A subscription its push service says is gone (404/410): every row of that endpoint goes. */
  forget(endpoint: string): Promise<void> {
    return this.db.transaction(async (m) => {
      await m.query(`DELETE FROM push_subscriptions WHERE endpoint = $1`, [endpoint]);
    });
  }
}
