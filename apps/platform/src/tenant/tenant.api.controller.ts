import { Controller, Get } from '@nestjs/common';
import { HomeService } from '../home/home.service';
import { TenantInfoService } from './tenant-info.service';

/** The public description of the tenant a mobile app is talking to. */
@Controller('api')
export class TenantApiController {
  constructor(
    private readonly info: TenantInfoService,
    private readonly home: HomeService,
  ) {}

  @Get('tenant')
  tenant() {
    return this.info.describe();
  }

  /** The enabled services, as the home page's tiles; answered from memory. */
  @Get('services')
  services() {
    return this.home.tiles('id');
  }
}
