import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ReportsModule } from '@app/reports';
import { Open311ApiKey } from './open311-api-key.entity';
import { Open311Controller } from './open311.controller';
import { Open311KeyRepository } from './open311-key.repository';
import { Open311KeyService } from './open311-key.service';
import { Open311Service } from './open311.service';

@Module({
  imports: [TypeOrmModule.forFeature([Open311ApiKey]), ReportsModule],
  controllers: [Open311Controller],
  // Clock comes from the global ClockModule: one clock for the whole application.
  providers: [Open311KeyRepository, Open311KeyService, Open311Service],
  exports: [Open311KeyService],
})
export class Open311Module {}
