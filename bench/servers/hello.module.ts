import { Controller, Get, Module } from '@nestjs/common';

@Controller()
class HelloController {
  @Get()
  hello() {
    return { hello: 'world' };
  }
}

/** The bare route both hello variants serve, one per HTTP adapter. */
@Module({ controllers: [HelloController] })
export class HelloModule {}
