import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigRevision } from './config-revision.entity';
import { ConfigRevisionRepository } from './config-revision.repository';
import { TenantOverlayLoader } from './tenant-overlay.loader';

@Module({
  imports: [TypeOrmModule.forFeature([ConfigRevision])],
  providers: [ConfigRevisionRepository, TenantOverlayLoader],
  exports: [ConfigRevisionRepository],
})
export class RevisionsModule {}
