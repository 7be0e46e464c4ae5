import { Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';

/** The push services browsers use (Chrome/Android, Firefox, Safari, Edge): subscriptions elsewhere are refused. */
export const DEFAULT_PUSH_SERVICES =
  'https://fcm.googleapis.com,https://updates.push.services.mozilla.com,https://web.push.apple.com,https://*.notify.windows.com';

export class PushSettings {
  /**
   * Origins a subscription's endpoint may point at (comma-separated; `*.` allows
   * subdomains). The server POSTs to these, so an endpoint is never just any URL
   * a browser sends (no requests to internal addresses).
   */
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
  @Matches(/^(https?:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?)(,\s*https?:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?)*$/i, {
    message: 'PUSH_SERVICE_ORIGINS must be a comma-separated list of origins',
  })
  PUSH_SERVICE_ORIGINS = DEFAULT_PUSH_SERVICES;

  /** The VAPID subject push services may contact about this server's messages: a mailto: or https: URL. */
  @IsString()
  @Matches(/^(mailto:\S+@\S+|https:\/\/\S+)$/, { message: 'PUSH_SUBJECT must be a mailto: or https: URL' })
  PUSH_SUBJECT = 'mailto:replika@localhost';
}

/** Whether a subscription endpoint is on one of the allowed push services. */
export function isAllowedPushEndpoint(endpoint: string, origins: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return origins
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean)
    .some((origin) => {
      const allowed = new URL(origin.replace('*.', 'wildcard.'));
      if (url.protocol !== allowed.protocol || url.port !== allowed.port) return false;
      if (!origin.includes('*.')) return url.hostname === allowed.hostname;
      const suffix = allowed.hostname.slice('wildcard'.length);
      return url.hostname.endsWith(suffix) && url.hostname.length > suffix.length;
    });
}
