import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { portOf, serve } from './child';
import { platformAdapter, realTenants, tilesOf } from './shared';

/** Jakarta's tiles, computed once at boot: the route's work without any tenant resolution. */
const TILES = tilesOf(realTenants().find((t) => t.slug === 'jakarta')!);

@Controller('api')
class ServicesController {
  @Get('services')
  services() {
    return TILES;
  }
}

@Module({ controllers: [ServicesController] })
class TenancyOffModule {}

serve(async (mark) => {
  const app = await NestFactory.create<NestFastifyApplication>(TenancyOffModule, platformAdapter(), { logger: false });
  mark('created');
  await app.listen(0, '127.0.0.1');
  return { port: portOf(app.getHttpServer()), close: () => app.close() };
});
