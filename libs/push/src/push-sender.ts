import { Injectable } from '@nestjs/common';
import webpush from 'web-push';
import { PushSubscriptionRow, VapidKeyPair } from './push.repository';

/** What a push service said: delivered, gone for good (404/410: forget the subscription), or worth retrying. */
export type PushOutcome = 'delivered' | 'gone' | 'retry' | 'refused';

export interface PushMessage {
  title: string;
  body: string;
  url: string;
  tag: string;
}

/**
 * Sends one Web Push message: the payload encrypted for the browser
 * (RFC 8291, aes128gcm) and signed with the tenant's VAPID key (RFC 8292), by
 * the `web-push` library; the HTTP request itself goes through Node's fetch so
 * that it follows the platform's own rules (a timeout, no redirects).
 */
@Injectable()
export class PushSender {
  async send(subscription: PushSubscriptionRow, message: PushMessage, keys: VapidKeyPair, subject: string): Promise<PushOutcome> {
    const request = webpush.generateRequestDetails(
      { endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } },
      JSON.stringify(message),
      {
        vapidDetails: { subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
        TTL: 86_400,
        contentEncoding: 'aes128gcm',
        urgency: 'normal',
      },
    );
    // fetch sets the length itself from the body.
    const headers = Object.fromEntries(
      Object.entries(request.headers)
        .filter(([name]) => name.toLowerCase() !== 'content-length')
        .map(([k, v]) => [k, String(v)]),
    );
    const response = await fetch(request.endpoint, {
      method: request.method,
      headers,
      body: request.body ?? undefined,
      redirect: 'manual',
      signal: AbortSignal.timeout(15_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    if (response.status >= 200 && response.status < 300) return 'delivered';
    if (response.status === 404 || response.status === 410) return 'gone';
    if (response.status === 429 || response.status >= 500) return 'retry';
    return 'refused';
  }
}
