import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { portOf, serve } from './child';
import { HelloModule } from './hello.module';
import { platformAdapter } from './shared';

/** The ceiling: a bare NestJS route on the platform's adapter. */
serve(async (mark) => {
  const app = await NestFactory.create<NestFastifyApplication>(HelloModule, platformAdapter(), { logger: false });
  mark('created');
  await app.listen(0, '127.0.0.1');
  return { port: portOf(app.getHttpServer()), close: () => app.close() };
});
