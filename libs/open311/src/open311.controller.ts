import { Controller, Get, HttpCode, Param, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { TenantContext, TenantService, TenantUrls } from '@app/tenancy';
import { apiLocale } from '@app/views';
import { Open311Error, Open311ErrorFilter } from './open311-error';
import { readOpen311Form } from './open311-form';
import { CONTENT_TYPES, formatOf, Open311Document, Open311Format, serialize, splitResource, XmlValue } from './open311-format';
import { Open311RequestsQuery } from './open311-query';
import { Caller, Open311Service } from './open311.service';

interface Open311Request {
  protocol?: string;
  headers: Record<string, string | undefined>;
  isMultipart?: () => boolean;
  parts?: (options?: object) => AsyncIterable<never>;
  body?: unknown;
}

interface Reply {
  header(name: string, value: string): Reply;
}

/**
 * GeoReport v2 (Open311), per tenant, at /open311/v2: every resource in XML
 * (the spec's required format) and JSON, chosen by the path's extension.
 * `jurisdiction_id` is accepted anywhere and ignored: the Host names the tenant.
 */
@Controller('open311/v2')
@TenantService('reports')
@UseFilters(Open311ErrorFilter)
export class Open311Controller {
  constructor(
    private readonly open311: Open311Service,
    private readonly context: TenantContext,
    private readonly urls: TenantUrls,
  ) {}

  @Get('discovery.:format')
  discovery(@Req() req: Open311Request, @Res({ passthrough: true }) reply: Reply, @Param('format') format: string) {
    return send(reply, known(format), { root: 'discovery', body: this.open311.discovery(this.caller(req)) });
  }

  @Get('services.:format')
  services(@Req() req: Open311Request, @Res({ passthrough: true }) reply: Reply, @Param('format') format: string) {
    return send(reply, known(format), { root: 'services', body: this.open311.services(this.caller(req)) });
  }

  @Get('services/:file')
  definition(@Req() req: Open311Request, @Res({ passthrough: true }) reply: Reply, @Param('file') file: string) {
    const { name, format } = splitResource(file);
    return send(reply, known(format), { root: 'service_definition', body: this.open311.definition(name, this.caller(req)) });
  }

  @Post('requests.:format')
  @HttpCode(201)
  async submit(
    @Req() req: Open311Request,
    @Res({ passthrough: true }) reply: Reply,
    @Param('format') format: string,
    @Query('api_key') apiKey?: string,
  ) {
    const fmt = known(format);
    return send(reply, fmt, { root: 'service_requests', body: await this.open311.submit(await readOpen311Form(req), apiKey) });
  }

  @Get('requests.:format')
  async requests(
    @Req() req: Open311Request,
    @Res({ passthrough: true }) reply: Reply,
    @Param('format') format: string,
    @Query() query: Open311RequestsQuery,
  ) {
    const fmt = known(format);
    return send(reply, fmt, { root: 'service_requests', body: await this.open311.requests(query, this.caller(req)) });
  }

  @Get('requests/:file')
  async request(@Req() req: Open311Request, @Res({ passthrough: true }) reply: Reply, @Param('file') file: string) {
    const { name, format } = splitResource(file);
    const fmt = known(format);
    return send(reply, fmt, { root: 'service_requests', body: await this.open311.request(name, this.caller(req)) });
  }

  @Get('tokens/:file')
  async token(@Res({ passthrough: true }) reply: Reply, @Param('file') file: string) {
    const { name, format } = splitResource(file);
    const fmt = known(format);
    return send(reply, fmt, { root: 'service_requests', body: await this.open311.token(name) });
  }

  private caller(req: Open311Request): Caller {
    // Absolute URLs (key_service, media_url) name the tenant's configured host, never the request's Host.
    return { origin: this.urls.origin(), locale: apiLocale(req, this.context.tenant) };
  }
}

/** The format named by the path, or 404: `services.yaml` is no resource of ours. */
function known(format: string | null): Open311Format {
  const fmt = format === null ? null : formatOf(format);
  if (!fmt) throw new Open311Error(404, 'unknown format: use .xml or .json');
  return fmt;
}

function send(reply: Reply, format: Open311Format, doc: Open311Document & { body: XmlValue }): string {
  reply.header('content-type', CONTENT_TYPES[format]);
  return serialize(format, doc);
}
