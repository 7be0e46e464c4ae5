import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, NestExpressApplication } from '@nestjs/platform-express';
import { portOf, serve } from './child';
import { HelloModule } from './hello.module';

/** The same bare route on NestJS's default (Express) adapter: why the platform runs on Fastify. */
serve(async (mark) => {
  const app = await NestFactory.create<NestExpressApplication>(HelloModule, new ExpressAdapter(), { logger: false });
  mark('created');
  await app.listen(0, '127.0.0.1');
  return { port: portOf(app.getHttpServer()), close: () => app.close() };
});
