import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { CSRF_SECRET } from './csrf.service';

/**
 * Values only this server can compute, again and again: HMAC-SHA256 under
 * SESSION_SECRET, with a purpose so that a value made for one use is never
 * valid for another. For secrets that must be given back later without being
 * stored (a replayed submission's tracking token).
 */
@Injectable()
export class ServerKeys {
  constructor(@Inject(CSRF_SECRET) private readonly secret: Buffer) {}

  derive(purpose: string, ...parts: string[]): string {
    return createHmac('sha256', this.secret)
      .update(JSON.stringify([purpose, ...parts]))
      .digest('base64url');
  }
}
