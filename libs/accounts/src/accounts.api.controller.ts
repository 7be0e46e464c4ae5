import {
  ArgumentsHost,
  Body,
  Catch,
  Controller,
  Delete,
  ExceptionFilter,
  Get,
  HttpCode,
  HttpStatus,
  Injectable,
  Post,
  Req,
  UseFilters,
} from '@nestjs/common';
import { WebRequest } from '@app/security';
import { TenantContext } from '@app/tenancy';
import { requestLocale, ViewEngine } from '@app/views';
import { AccountView } from './account.entity';
import { AccountsError, AccountsErrorCode } from './accounts.errors';
import { AccountsService, SignedIn } from './accounts.service';
import { Authenticated, CurrentAccount } from './authenticated.decorator';
import { CreateSessionDto } from './dto/session.dto';
import { bearerToken } from './session-cookie';

const API_STATUS: Record<AccountsErrorCode, HttpStatus> = {
  'email-invalid': HttpStatus.BAD_REQUEST,
  'email-taken': HttpStatus.CONFLICT,
  'password-too-short': HttpStatus.BAD_REQUEST,
  'password-too-long': HttpStatus.BAD_REQUEST,
  'display-name-invalid': HttpStatus.BAD_REQUEST,
  'agency-required': HttpStatus.BAD_REQUEST,
  'unknown-agency': HttpStatus.BAD_REQUEST,
  'unknown-region': HttpStatus.BAD_REQUEST,
  'invalid-credentials': HttpStatus.UNAUTHORIZED,
  'rate-limited': HttpStatus.TOO_MANY_REQUESTS,
  // An account with two-factor sign-in signs in through the web pages (/masuk, then /masuk/kode).
  'totp-required': HttpStatus.UNAUTHORIZED,
  'totp-invalid': HttpStatus.UNAUTHORIZED,
  'invitation-invalid': HttpStatus.NOT_FOUND,
  'role-invalid': HttpStatus.BAD_REQUEST,
  'not-staff': HttpStatus.NOT_FOUND,
  'reset-invalid': HttpStatus.NOT_FOUND,
  'password-wrong': HttpStatus.FORBIDDEN,
  'confirmation-required': HttpStatus.BAD_REQUEST,
  'session-not-found': HttpStatus.NOT_FOUND,
};

interface Reply {
  status(code: number): Reply;
  header(name: string, value: string): Reply;
  send(body: unknown): unknown;
}

/** Accounts' domain errors as JSON: `{ statusCode, error: <code>, message }`, with Retry-After when rate limited. */
@Catch(AccountsError)
@Injectable()
export class AccountsApiErrorFilter implements ExceptionFilter {
  constructor(
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  catch(e: AccountsError, host: ArgumentsHost): void {
    const req = host.switchToHttp().getRequest<WebRequest>();
    const reply = host.switchToHttp().getResponse<Reply>();
    const tenant = this.context.tenant;
    const minutes = e.retryAfterSeconds ? Math.ceil(e.retryAfterSeconds / 60) : undefined;
    const message = this.views.text(tenant, requestLocale(req, tenant), `accounts.errors.${e.code}`, { minutes });
    if (e.retryAfterSeconds) reply.header('retry-after', String(e.retryAfterSeconds));
    const status = API_STATUS[e.code];
    reply.status(status).header('content-type', 'application/json; charset=utf-8').send({ statusCode: status, error: e.code, message });
  }
}

/** Sessions for the mobile apps: bearer tokens, never cookies, so no CSRF. */
@Controller('api')
@UseFilters(AccountsApiErrorFilter)
export class AccountsApiController {
  constructor(private readonly accounts: AccountsService) {}

  @Post('sessions')
  signIn(@Body() dto: CreateSessionDto, @Req() req: WebRequest): Promise<SignedIn> {
    return this.accounts.signIn(dto.email, dto.password, String(req.ip));
  }

  @Delete('sessions')
  @Authenticated()
  @HttpCode(HttpStatus.NO_CONTENT)
  async signOut(@Req() req: WebRequest): Promise<void> {
    await this.accounts.signOut(bearerToken(req));
  }

  @Get('me')
  @Authenticated()
  me(@CurrentAccount() account: AccountView): AccountView {
    return account;
  }
}
