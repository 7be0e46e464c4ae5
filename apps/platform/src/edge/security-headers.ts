import helmet from '@fastify/helmet';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { setPageLocal } from '@app/views';

/**
 * Paths whose answers carry a secret or someone's own data: the account, the
 * reporter's reports, the console and the admin (TOTP enrolment shows a
 * secret), sign-in and registration (CSRF tokens), invitations and the
 * tracking page (tokens in the URL).
 */
const PRIVATE_PATHS =
  /^\/(akun|laporan\/saya|laporan\/lacak|laporan\/baru|konsol|admin|masuk|daftar|keluar|undangan|api\/(sessions|me|accounts))(\/|\?|$)/;

function signedIn(req: FastifyRequest): boolean {
  return req.headers.authorization !== undefined || /(?:^|;\s*)sid=/.test(String(req.headers.cookie ?? ''));
}

/**
 * Security headers on every answer, through @fastify/helmet: a CSP with a
 * per-request nonce for the layout's one inline <style> (the tenant's colours)
 * and no inline script at all (scripts are files under /static), no framing
 * (`frame-ancestors 'none'`, X-Frame-Options DENY), nosniff, a referrer policy;
 * HSTS only when the request came over https. Then `Cache-Control: no-store`
 * on every signed-in, secret-bearing or state-changing answer unless the
 * handler chose a policy itself (public assets, photos).
 */
export async function installSecurityHeaders(app: NestFastifyApplication): Promise<void> {
  await app.register(helmet, {
    enableCSPNonces: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // Logos and uploads are ours; news images and partner icons may be any https image; the logo preview is a blob: URL.
        imgSrc: ["'self'", 'data:', 'blob:', 'https:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Set below, only over https: on plain http (local development) it would be ignored at best.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    // Every rendered page (and error page) gets the nonce for its inline <style>.
    const nonce = (reply as { cspNonce?: { style?: string } }).cspNonce?.style;
    if (nonce) setPageLocal(req, 'cspNonce', nonce);
    done();
  });
  fastify.addHook('onSend', (req: FastifyRequest, reply: FastifyReply, payload: unknown, done: (err: null, payload: unknown) => void) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    const explicit = reply.hasHeader('cache-control');
    const secret =
      PRIVATE_PATHS.test(req.url) ||
      /[?&]token=/.test(req.url) ||
      reply.hasHeader('set-cookie') ||
      req.method !== 'GET' ||
      reply.statusCode >= 400;
    if (!explicit && (secret || signedIn(req))) reply.header('cache-control', 'no-store');
    else if (
      explicit &&
      signedIn(req) &&
      !/^public/.test(String(reply.getHeader('cache-control'))) &&
      !/no-store/.test(String(reply.getHeader('cache-control')))
    ) {
      // A private answer to a signed-in client (a photo of their own report) is not kept either.
      reply.header('cache-control', 'private, no-store');
    }
    done(null, payload);
  });
}
