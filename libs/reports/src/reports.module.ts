import { Module } from '@nestjs/common';
import { ReportsPageController } from './reports.page.controller';

@Module({ controllers: [ReportsPageController] })
export class ReportsModule {}
