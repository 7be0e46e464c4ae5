import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { portOf, serve } from './child';
import { platformAdapter } from './shared';

@Controller()
class HelloController {
  @Get()
  hello() {
    return { hello: 'world' };
  }
}

@Module({ controllers: [HelloController] })
class HelloModule {}

/** The ceiling: a bare NestJS route on the platform's adapter. */
serve(async (mark) => {
  const app = await NestFactory.create<NestFastifyApplication>(HelloModule, platformAdapter(), { logger: false });
  mark('created');
  await app.listen(0, '127.0.0.1');
  return { port: portOf(app.getHttpServer()), close: () => app.close() };
});
