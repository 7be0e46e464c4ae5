import { Body, Controller, Get, Header, HttpCode, NotFoundException, Param, Post, Query, Req, Res } from '@nestjs/common';
import QRCode from 'qrcode';
import { WebReply, WebRequest } from '@app/security';
import { Locale, TenantContext } from '@app/tenancy';
import { Page, PageLocale, PageRedirect, PageWithStatus, ViewEngine } from '@app/views';
import { fieldErrors, toFormError, withStatus } from './accounts.page.mapper';
import { InvitationForm, TotpCodeForm } from './dto/totp-forms';
import { safeNext } from './safe-next';
import { SessionCookie } from './session-cookie';
import { SessionService } from './session.service';
import { StaffService } from './staff.service';
import { TotpService } from './totp/totp.service';

/**
 * The second step of signing in (/masuk/kode): a pending session (password
 * accepted) becomes a full one when the TOTP code is right. An admin who has
 * not enrolled yet enrolls here, before anything else. Also the invitation
 * link (/undangan/:token) where invited staff set their password.
 */
@Controller()
export class TotpPageController {
  constructor(
    private readonly sessions: SessionService,
    private readonly totp: TotpService,
    private readonly staff: StaffService,
    private readonly cookie: SessionCookie,
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  @Get('masuk/kode')
  @Page('sign-in-code')
  async codeForm(@PageLocale() locale: Locale, @Query('next') next: string | undefined, @Req() req: WebRequest) {
    const account = await this.sessions.resolvePending(this.cookie.read(req));
    if (!account) return new PageRedirect('/masuk');
    return this.codeModel(locale, account, next);
  }

  @Post('masuk/kode')
  @HttpCode(200)
  @Page('sign-in-code')
  async code(
    @PageLocale() locale: Locale,
    @Body() form: TotpCodeForm,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) reply: WebReply,
  ) {
    const pending = this.cookie.read(req);
    const account = await this.sessions.resolvePending(pending);
    if (!account) return new PageRedirect('/masuk');
    let outcome: 'code' | 'enrolled' | 'recovery';
    try {
      outcome = await this.totp.verify(account, form.code ?? '', String(req.ip));
    } catch (e) {
      return this.codeModel(locale, account, form.next, e);
    }
    // A fresh token for the full session: the pending one is never promoted (no fixation).
    await this.sessions.end(pending);
    this.cookie.set(req, reply, await this.sessions.start(account.id));
    if (outcome === 'enrolled')
      return this.recoveryModel(locale, await this.totp.issueRecoveryCodes(account, String(req.ip)), safeNext(form.next));
    return new PageRedirect(safeNext(form.next));
  }

  /**
   * The enrollment's QR code, an SVG from this origin (so a strict
   * Content-Security-Policy needs no data: or inline images). Only for the
   * signed-in (or half signed-in) account itself, only while not enrolled.
   */
  @Get('masuk/kode/qr.svg')
  @Header('cache-control', 'no-store')
  async qr(@Req() req: WebRequest, @Res({ passthrough: true }) reply: WebReply) {
    const token = this.cookie.read(req);
    const account = (await this.sessions.resolvePending(token)) ?? (await this.sessions.resolve(token));
    const enrollment = account ? await this.totp.enrollment(account) : null;
    if (!enrollment) throw new NotFoundException();
    reply.header('content-type', 'image/svg+xml; charset=utf-8');
    return QRCode.toString(enrollment.uri, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' });
  }

  /** Shown once, right after enrollment: the recovery codes, then on to where the admin was going. */
  private recoveryModel(locale: Locale, codes: string[], next: string) {
    return new PageWithStatus(
      200,
      {
        title: this.views.text(this.context.tenant, locale, 'admin.totp.recoveryTitle'),
        codes,
        next,
      },
      'totp-recovery-codes',
    );
  }

  @Get('undangan/:token')
  @Page('invitation')
  async invitationForm(@PageLocale() locale: Locale, @Param('token') token: string) {
    const account = await this.staff.invitation(token);
    return this.invitationModel(locale, token, account?.email ?? null);
  }

  /**
   * Setting the password is the invitee's sign-in: they land in their console
   * at once (never on the citizens' sign-in page), on a fresh session.
   */
  @Post('undangan/:token')
  @HttpCode(200)
  @Page('invitation')
  async acceptInvitation(
    @PageLocale() locale: Locale,
    @Param('token') token: string,
    @Body() form: InvitationForm,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) reply: WebReply,
  ) {
    try {
      const account = await this.staff.accept(token, form.password ?? '');
      await this.sessions.end(this.cookie.read(req));
      this.cookie.set(req, reply, await this.sessions.start(account.id));
      return new PageRedirect(consoleLanding(account.role));
    } catch (e) {
      const account = await this.staff.invitation(token);
      return this.invitationModel(locale, token, account?.email ?? null, e);
    }
  }

  private async codeModel(locale: Locale, account: { id: string; email: string }, next: string | undefined, error?: unknown) {
    const errors = error === undefined ? [] : [toFormError(error)];
    const enrollment = await this.totp.enrollment(account);
    const safe = safeNext(next);
    return withStatus(error, {
      title: this.views.text(this.context.tenant, locale, enrollment ? 'admin.totp.enrollTitle' : 'admin.totp.codeTitle'),
      enrollment,
      next: safe,
      errors,
      errorOf: fieldErrors(errors),
    });
  }

  private invitationModel(locale: Locale, token: string, email: string | null, error?: unknown) {
    const errors = error === undefined ? [] : [toFormError(error)];
    const model = {
      title: this.views.text(this.context.tenant, locale, 'admin.users.invitation.title'),
      token,
      email,
      valid: email !== null,
      errors,
      errorOf: fieldErrors(errors),
      passwordMinLength: 10,
    };
    return error === undefined && email === null ? new PageWithStatus(404, model) : withStatus(error, model);
  }
}

/** Where a staff member's work starts: officers and validators in their queue, news staff at the articles, admins at the dashboard. */
export function consoleLanding(role: string): string {
  if (role === 'officer' || role === 'validator') return '/konsol';
  if (role === 'editor' || role === 'reviewer') return '/admin/berita';
  if (role === 'admin') return '/admin';
  return '/';
}
