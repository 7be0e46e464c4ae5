import { Controller, Get } from '@nestjs/common';
import { Locale } from '@app/tenancy';
import { AnonymousCache, Page, PageLocale } from '@app/views';
import { HomeService } from './home.service';

@Controller()
export class HomePageController {
  constructor(private readonly home: HomeService) {}

  @Get()
  @Page('home')
  @AnonymousCache()
  show(@PageLocale() locale: Locale) {
    return this.home.homePage(locale);
  }
}
