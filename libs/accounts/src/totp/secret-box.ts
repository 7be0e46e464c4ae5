import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Seals TOTP secrets at rest with AES-256-GCM under a key derived (HKDF-SHA256)
 * from SESSION_SECRET, so a copy of the accounts table alone does not yield the
 * secrets. Without a SESSION_SECRET (development: a random one per process)
 * secrets are stored as `plain:<secret>`, since a key that changes at every
 * restart would lock every admin out.
 */
export class SecretBox {
  private readonly key: Buffer | null;

  constructor(sessionSecret: Buffer | null) {
    this.key = sessionSecret ? Buffer.from(hkdfSync('sha256', sessionSecret, Buffer.alloc(0), 'replika:totp-secret', 32)) : null;
  }

  seal(plain: string): string {
    if (!this.key) return `plain:${plain}`;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), data.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    if (sealed.startsWith('plain:')) return sealed.slice('plain:'.length);
    const [version, iv, tag, data] = sealed.split('.');
    if (version !== 'v1' || !this.key) throw new Error('cannot open this TOTP secret (SESSION_SECRET changed or unset?)');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString('utf8');
  }
}
