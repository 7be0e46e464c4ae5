import { Module } from '@nestjs/common';
import { NewsPageController } from './news.page.controller';

@Module({ controllers: [NewsPageController] })
export class NewsModule {}
