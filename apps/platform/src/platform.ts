import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Env } from '@app/config';
import { Tenant, TenancyHook, UNKNOWN_HOST_PAGE, UnknownHostPage } from '@app/tenancy';
import multipart from '@fastify/multipart';
import { UPLOAD_LIMITS } from '@app/reports';
import { AppModule } from './app.module';
import { BootLogger } from './boot-logger';
import { useCheckedBodyParsers } from './edge/body-parsers';
import { installSecurityHeaders } from './edge/security-headers';
import { loadPlatformSettings, PlatformSettings } from './platform.settings';

export interface Platform {
  app: NestFastifyApplication;
  settings: PlatformSettings;
}

/**
 * Builds the platform without listening: the HTTP server on Fastify (see
 * docs/benchmarks.md for why Fastify), tenants loaded and validated, the
 * database migrated and checked. Used by main, the tests and the bench.
 */
export async function createPlatform(env: Env = process.env, options: { tenants?: Tenant[]; logger?: boolean } = {}): Promise<Platform> {
  const settings = loadPlatformSettings(env);
  const bodyLimit = 1_048_576;
  const adapter = new FastifyAdapter({ trustProxy: settings.tenancy.TRUST_PROXY, bodyLimit });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register({ settings, tenants: options.tenants }), adapter, {
    logger: options.logger === false ? false : new BootLogger(['log', 'warn', 'error']),
    abortOnError: false,
  });
  // CSP (nonces), no framing, nosniff, referrer policy, HSTS over https; no-store on private answers.
  await installSecurityHeaders(app);
  // JSON and urlencoded bodies checked at the edge (UTF-8, depth, NUL, shape); InputGuard answers what they refuse.
  useCheckedBodyParsers(app, bodyLimit);
  // Multipart for photo uploads; the reports routes read the parts themselves, within these ceilings.
  await app.register(multipart, { limits: UPLOAD_LIMITS });
  // Tenant resolution runs first for every request (before routing, guards and body parsing).
  app.get(TenancyHook).install(adapter.getInstance(), app.get<UnknownHostPage>(UNKNOWN_HOST_PAGE));
  app.enableShutdownHooks();
  return { app, settings };
}
