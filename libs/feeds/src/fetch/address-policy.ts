import ipaddr from 'ipaddr.js';

/**
 * Which addresses a feed may be fetched from: public unicast only, unless the
 * operator allows private ones (FEEDS_ALLOW_PRIVATE_HOSTS). Checked on the
 * address actually connected to (after DNS), so a public name that resolves to
 * 127.0.0.1 or 169.254.169.254 is refused like the literal address.
 */
export class AddressPolicy {
  private readonly allowAll: boolean;
  private readonly allowed: Set<string>;

  constructor(setting: string) {
    this.allowAll = setting === 'true';
    this.allowed = new Set(setting === 'true' || setting === 'false' ? [] : setting.split(',').map((a) => normalise(a.trim())));
  }

  permits(address: string): boolean {
    if (!ipaddr.isValid(address)) return false;
    if (this.allowAll || this.allowed.has(normalise(address))) return true;
    let ip = ipaddr.parse(address);
    if (ip.kind() === 'ipv6' && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
    return ip.range() === 'unicast';
  }
}

function normalise(address: string): string {
  return ipaddr.isValid(address) ? ipaddr.process(address).toString() : address;
}
