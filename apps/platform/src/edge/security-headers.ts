import helmet from 'helmet';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
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

const NONCE = '{nonce}';

/**
 * The headers helmet sets, computed ONCE by running its middleware against a
 * recording response: running helmet's chain on every request (as
 * @fastify/helmet does, rebuilding and re-parsing the CSP for each nonce)
 * cost about a third of a JSON route's own CPU (docs/benchmarks.md, "The
 * feed against its floor"). The CSP keeps a placeholder where each answer's
 * nonce goes.
 */
function helmetHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader: (name: string, value: string) => (headers[name.toLowerCase()] = value),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // The layout's one inline <style> (the tenant's colours); there is no inline script.
        styleSrc: ["'self'", `'nonce-${NONCE}'`],
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
    // Set in onSend, only over https: on plain http (local development) it would be ignored at best.
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
  })({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return headers;
}

/**
 * Security headers on every answer: helmet's (a CSP with a per-request nonce
 * for the layout's one inline <style>, no framing with `frame-ancestors
 * 'none'` and X-Frame-Options DENY, nosniff, a referrer policy); HSTS only when
 * the request came over https. Then `Cache-Control: no-store` on every
 * signed-in, secret-bearing or state-changing answer unless the handler chose
 * a policy itself (public assets, photos).
 */
export function installSecurityHeaders(app: NestFastifyApplication): void {
  const { 'content-security-policy': csp, ...fixed } = helmetHeaders();
  const [cspHead, cspTail] = csp.split(NONCE);
  const fastify = app.getHttpAdapter().getInstance();
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const style = randomBytes(16).toString('hex');
    // Read by rendered pages (and error pages) and by the page cache, which puts it in its stored HTML.
    setPageLocal(req, 'cspNonce', style);
    void reply.headers(fixed).header('content-security-policy', cspHead + style + cspTail);
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
