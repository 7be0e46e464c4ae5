import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Header,
  HttpCode,
  HttpException,
  HttpStatus,
  Post,
  Req,
  UseFilters,
} from '@nestjs/common';
import { AccountView, OptionalAccount } from '@app/accounts';
import { clientAddressKey, ReportErrorJsonFilter } from '@app/reports';
import { RateLimiter } from '@app/security';
import { TenantService } from '@app/tenancy';
import { SubscribeBody } from './dto/push-subscription';
import { PushEndpointRefused, PushService } from './push.service';

interface Request {
  ip?: string;
  headers: Record<string, string | string[] | undefined>;
}

/**
 * Web Push for the portal's pages: the tenant's public VAPID key, and a
 * browser's subscription (JSON from /static/pwa.js, with the page's CSRF token
 * in X-CSRF-Token, checked by the global CSRF guard like any page form).
 */
@Controller('push')
@TenantService('reports')
@UseFilters(ReportErrorJsonFilter)
export class PushController {
  constructor(
    private readonly push: PushService,
    private readonly limiter: RateLimiter,
  ) {}

  @Get('kunci')
  @Header('cache-control', 'public, max-age=3600')
  async key() {
    return { publicKey: await this.push.publicKey() };
  }

  @Post('langganan')
  @HttpCode(201)
  async subscribe(@Req() req: Request, @Body() body: SubscribeBody, @OptionalAccount() account?: AccountView) {
    const client = account ? `account:${account.id}` : clientAddressKey(req);
    const decision = await this.limiter.consume('push-subscribe', client, { limit: 30, windowMs: 3_600_000 });
    if (!decision.allowed) throw new HttpException('too many subscriptions', HttpStatus.TOO_MANY_REQUESTS);
    try {
      return { subscribed: await this.push.subscribe(body, account) };
    } catch (error) {
      if (error instanceof PushEndpointRefused) throw new BadRequestException('push service not allowed');
      throw error;
    }
  }
}
