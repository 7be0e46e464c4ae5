import { Controller, Get } from '@nestjs/common';
import { Locale, TenantService } from '@app/tenancy';
import { AnonymousCache, Page, PageLocale } from '@app/views';
import { DirectoryService } from './directory.service';

@Controller('darurat')
@TenantService('emergency')
export class EmergencyPageController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Page('emergency')
  @AnonymousCache()
  index(@PageLocale() locale: Locale) {
    return this.directory.emergencyPage(locale);
  }
}
