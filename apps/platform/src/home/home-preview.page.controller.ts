import { Controller, Get, Header, Query, Req, Res } from '@nestjs/common';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { Authenticated } from '@app/accounts';
import { BRANDING_PREVIEW_PATH, brandingPatch, TenantConfigError, TenantConfigService } from '@app/revisions';
import { WebReply, WebRequest } from '@app/security';
import { Tenant, TenantContext } from '@app/tenancy';
import { pageLocalsOf, PageQuery, requestLocale, ViewEngine } from '@app/views';
import { HomeService } from './home.service';

/** The proposed branding, as the preview page's frame asks for it. */
export class BrandingPreviewQuery extends PageQuery {
  @IsOptional() @IsString() @MaxLength(40) appName?: string;
  @IsOptional() @IsString() @MaxLength(7) primary?: string;
  @IsOptional() @IsString() @MaxLength(7) secondary?: string;
  @IsOptional() @IsString() @MaxLength(7) accent?: string;
  @IsOptional() @IsString() @MaxLength(7) text?: string;
  @IsOptional() @IsString() @MaxLength(7) background?: string;
  @IsOptional() @IsString() @MaxLength(500) tagline_id?: string;
  @IsOptional() @IsString() @MaxLength(500) tagline_en?: string;
}

type HeaderReply = WebReply & { getHeader(name: string): unknown; status(code: number): unknown };

/**
 * The real home page rendered with an admin's proposed, unsaved branding,
 * for the branding preview's sandboxed <iframe>. Admins only; it changes
 * nothing, so a GET with the values in its query. This one route may be
 * framed, and only by the platform's own pages (`frame-ancestors 'self'`,
 * X-Frame-Options SAMEORIGIN); every other page stays unframeable.
 */
@Controller(BRANDING_PREVIEW_PATH.slice(1))
@Authenticated({ roles: ['admin'] })
export class HomePreviewPageController {
  constructor(
    private readonly home: HomeService,
    private readonly config: TenantConfigService,
    private readonly context: TenantContext,
    private readonly views: ViewEngine,
  ) {}

  @Get()
  @Header('cache-control', 'no-store')
  async show(
    @Query() query: BrandingPreviewQuery,
    @Req() req: WebRequest,
    @Res({ passthrough: true }) reply: HeaderReply,
  ): Promise<string> {
    const tenant = this.context.tenant;
    const locale = requestLocale(req, tenant);
    let proposed: Tenant = tenant;
    try {
      proposed = this.config.preview(brandingPatch({ ...query }));
    } catch (error) {
      // The form refuses invalid values before it frames this page; a hand-made query just sees the saved look.
      if (!(error instanceof TenantConfigError)) throw error;
      reply.status(422);
    }
    const model = await this.context.run(proposed, () => this.home.homePage(locale));
    const header = reply.getHeader('content-security-policy');
    const csp = typeof header === 'string' ? header : '';
    reply.header('content-security-policy', csp.replace("frame-ancestors 'none'", "frame-ancestors 'self'"));
    reply.header('x-frame-options', 'SAMEORIGIN');
    reply.header('content-type', 'text/html; charset=utf-8');
    return this.views.renderPreview(proposed, 'pages/home', { ...model, ...pageLocalsOf(req) }, locale);
  }
}
