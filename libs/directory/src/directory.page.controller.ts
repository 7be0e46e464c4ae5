import { Controller, Get } from '@nestjs/common';
import { Locale, TenantService } from '@app/tenancy';
import { AnonymousCache, Page, PageLocale } from '@app/views';
import { DirectoryService } from './directory.service';

@Controller('direktori')
@TenantService('directory')
export class DirectoryPageController {
  constructor(private readonly directory: DirectoryService) {}

  @Get()
  @Page('directory')
  @AnonymousCache()
  index(@PageLocale() locale: Locale) {
    return this.directory.directoryPage(locale);
  }
}
