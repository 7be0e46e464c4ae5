import { Module } from '@nestjs/common';
import { DirectoryPageController } from './directory.page.controller';
import { DirectoryService } from './directory.service';
import { EmergencyPageController } from './emergency.page.controller';

@Module({ controllers: [EmergencyPageController, DirectoryPageController], providers: [DirectoryService] })
export class DirectoryModule {}
