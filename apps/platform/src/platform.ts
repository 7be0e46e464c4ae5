import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { LogController } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Env } from '@app/config';
import { RequestObserver, serializeRequest, serializeResponse } from '@app/observability';
import { MAINTENANCE_PAGE, MaintenancePage, Tenant, TenancyHook, TenantContext, UNKNOWN_HOST_PAGE, UnknownHostPage } from '@app/tenancy';
import { installPageCache, PageCache } from '@app/views';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import { UPLOAD_LIMITS } from '@app/media';
import { AppModule } from './app.module';
import { installStaticFiles } from './assets/static-files';
import { BootLogger } from './boot-logger';
import { useCheckedBodyParsers } from './edge/body-parsers';
import { installSecurityHeaders } from './edge/security-headers';
import { rememberValidationRules } from './edge/validation-metadata';
import { loadPlatformSettings, PlatformSettings } from './platform.settings';

export interface Platform {
  app: NestFastifyApplication;
  settings: PlatformSettings;
}

export interface PlatformOptions {
  tenants?: Tenant[];
  /** false: no Nest logs and no request logs (tests, the CLI). */
  logger?: boolean;
  /** Where request logs go instead of stdout (tests read them). */
  logStream?: NodeJS.WritableStream;
}

/**
 * Builds the platform without listening: the HTTP server on Fastify (see
 * docs/benchmarks.md for why Fastify), tenants loaded and validated, the
 * database migrated and checked. Used by main, the tests and the bench.
 */
export async function createPlatform(env: Env = process.env, options: PlatformOptions = {}): Promise<Platform> {
  const settings = loadPlatformSettings(env);
  rememberValidationRules();
  const bodyLimit = 1_048_576;
  const adapter = new FastifyAdapter({
    trustProxy: settings.tenancy.TRUST_PROXY,
    bodyLimit,
    // Fastify's own pino logger: one JSON line per request, written by RequestObserver once the response is out.
    logger: {
      level: options.logger === false && !options.logStream ? 'silent' : settings.observability.LOG_LEVEL,
      serializers: { req: serializeRequest, res: serializeResponse },
      ...(options.logStream ? { stream: options.logStream } : {}),
    },
    logController: new LogController({ disableRequestLogging: true }),
    // A request id from the proxy in front (nginx's $request_id) ties its access log to ours; otherwise our own.
    requestIdHeader: settings.tenancy.TRUST_PROXY ? 'x-request-id' : false,
    genReqId: () => randomUUID(),
  });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register({ settings, tenants: options.tenants }), adapter, {
    logger: options.logger === false ? false : new BootLogger(['log', 'warn', 'error']),
    abortOnError: false,
  });
  // Cookies (`sid`, `csrf`, `lang`) parsed once per request, written with the flags of @app/security's setSiteCookie.
  await app.register(cookie);
  // CSP (nonces), no framing, nosniff, referrer policy, HSTS over https; no-store on private answers.
  installSecurityHeaders(app);
  // JSON and urlencoded bodies checked at the edge (UTF-8, depth, NUL, shape); InputGuard answers what they refuse.
  useCheckedBodyParsers(app, bodyLimit);
  // Multipart for photo uploads; the reports routes read the parts themselves, within these ceilings.
  await app.register(multipart, { limits: UPLOAD_LIMITS });
  // /static/<file> with ETag, 304 and Range; reply.sendFile for vendor packages and tenant assets.
  await installStaticFiles(app);
  // Probes and metrics are answered before tenant resolution (for any Host); request logs and counts after each response.
  app.get(RequestObserver).install(adapter.getInstance());
  // Tenant resolution runs first for every other request (before routing, guards and body parsing).
  app
    .get(TenancyHook)
    .install(adapter.getInstance(), app.get<UnknownHostPage>(UNKNOWN_HOST_PAGE), app.get<MaintenancePage>(MAINTENANCE_PAGE));
  // Anonymous pages already rendered for this tenant, locale and URL are answered before Nest's pipeline (docs/benchmarks.md).
  installPageCache(adapter.getInstance(), app.get(PageCache), app.get(TenantContext));
  return { app, settings };
}
