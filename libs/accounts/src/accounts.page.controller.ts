import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { WebReply, WebRequest } from '@app/security';
import { Locale } from '@app/tenancy';
import { Page, PageLocale, PageRedirect } from '@app/views';
import { AccountView } from './account.entity';
import { AccountsPageMapper } from './accounts.page.mapper';
import { AccountsService } from './accounts.service';
import { OptionalAccount } from './authenticated.decorator';
import { RegisterForm, SignInForm } from './dto/account-forms';
import { safeNext } from './safe-next';
import { SessionCookie } from './session-cookie';

interface Reply extends WebReply {
  status(code: number): Reply;
  send(body?: unknown): unknown;
}

/** Sign in (/masuk), sign out (/keluar), register (/daftar). CSRF is checked by the global guard. */
@Controller()
export class AccountsPageController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly pages: AccountsPageMapper,
    private readonly cookie: SessionCookie,
  ) {}

  @Get('masuk')
  @Page('sign-in')
  signInForm(
    @PageLocale() locale: Locale,
    @Query('next') next: string | undefined,
    @Query('sandi') reset: string | undefined,
    @OptionalAccount() account?: AccountView,
  ) {
    if (account) return new PageRedirect(safeNext(next));
    return { ...this.pages.signIn(locale, { next }), passwordReset: reset === 'baru' };
  }

  @Post('masuk')
  @HttpCode(200)
  @Page('sign-in')
  async signIn(@PageLocale() locale: Locale, @Body() form: SignInForm, @Req() req: WebRequest, @Res({ passthrough: true }) reply: Reply) {
    try {
      const { token, pendingTotp } = await this.accounts.beginSignIn(form.email ?? '', form.password ?? '', String(req.ip));
      this.cookie.set(req, reply, token);
      const next = safeNext(form.next);
      // Past the password only: the TOTP code (or, the first time, enrollment) comes next.
      if (pendingTotp) return new PageRedirect(next === '/' ? '/masuk/kode' : `/masuk/kode?next=${encodeURIComponent(next)}`);
      return new PageRedirect(next);
    } catch (e) {
      return this.pages.signIn(locale, form, e);
    }
  }

  @Post('keluar')
  async signOut(@Req() req: WebRequest, @Res() reply: Reply) {
    await this.accounts.signOut(this.cookie.read(req));
    this.cookie.clear(req, reply);
    reply.status(303).header('location', '/');
    reply.send();
  }

  @Get('daftar')
  @Page('register')
  registerForm(@PageLocale() locale: Locale, @Query('next') next: string | undefined, @OptionalAccount() account?: AccountView) {
    if (account) return new PageRedirect(safeNext(next));
    return this.pages.register(locale, { next });
  }

  @Post('daftar')
  @HttpCode(200)
  @Page('register')
  async register(
    @PageLocale() locale: Locale,
    @Body() form: RegisterForm,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) reply: Reply,
  ) {
    try {
      const account = await this.accounts.registerCitizen(
        { email: form.email ?? '', password: form.password ?? '', displayName: form.displayName ?? '' },
        String(req.ip),
      );
      const { token } = await this.accounts.startSession(account);
      this.cookie.set(req, reply, token);
      return new PageRedirect(safeNext(form.next));
    } catch (e) {
      return this.pages.register(locale, form, e);
    }
  }
}
