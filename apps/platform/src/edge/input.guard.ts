import { BadRequestException, CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { TenantContext } from '@app/tenancy';
import { apiLocale, requestLocale, ViewEngine } from '@app/views';
import { InputProblem, queryProblem, stringProblem, targetProblem, valueProblem } from './input-check';

/** Set by the body parsers (edge/body-parsers.ts) on a body they refused; the guard answers it. */
export const INPUT_PROBLEM = Symbol('replika.input-problem');

interface EdgeRequest {
  url: string;
  raw?: { url?: string };
  query?: unknown;
  params?: unknown;
  headers: Record<string, string | string[] | undefined>;
  [INPUT_PROBLEM]?: InputProblem;
  /** @fastify/multipart's reader, consumed by the handler (the body is still unread when guards run). */
  parts?: (...args: unknown[]) => AsyncIterable<MultipartPart>;
}

interface MultipartPart {
  type: 'file' | 'field';
  fieldname: string;
  value?: unknown;
}

/**
 * The one place input is refused before any handler, pipe or query sees it:
 * a body the parsers marked (not UTF-8, malformed JSON, not an object, nested
 * too deep, too many values, NUL), a target that does not decode to UTF-8
 * text, a NUL byte in a path or query, a query parameter given twice. A 400
 * in the caller's language, through the transport's own error filter (page,
 * JSON or Open311), instead of a 500 from PostgreSQL or a recursive walker.
 */
@Injectable()
export class InputGuard implements CanActivate {
  constructor(
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  canActivate(ctx: ExecutionContext): boolean {
    const req = ctx.switchToHttp().getRequest<EdgeRequest>();
    const problem = req[INPUT_PROBLEM] ?? targetProblem(req.raw?.url ?? req.url) ?? queryProblem(req.query) ?? valueProblem(req.params);
    if (problem) throw this.refusal(req, problem);
    // A multipart body is read by the handler, part by part: its text fields are checked as they arrive, so a NUL
    // (or a lone surrogate) is refused here too, before any field reaches a service or PostgreSQL.
    const parts = req.parts;
    if (typeof parts === 'function') req.parts = (...args) => checkedFields(parts.apply(req, args), (p) => this.refusal(req, p));
    return true;
  }

  private refusal(req: EdgeRequest, problem: InputProblem): BadRequestException {
    const tenant = this.context.hasTenant ? this.context.tenant : null;
    const api = /^\/(api|open311)\//.test(req.url);
    const lang = (req.query as { lang?: unknown } | undefined)?.lang;
    const safe = { headers: req.headers, query: typeof lang === 'string' ? { lang } : undefined };
    const locale = api ? apiLocale(safe, tenant) : requestLocale(safe, tenant);
    return new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      code: `invalid-input.${problem}`,
      message: this.views.text(tenant, locale, `errors.input.${problem}`),
    });
  }
}

async function* checkedFields(
  parts: AsyncIterable<MultipartPart>,
  refuse: (problem: InputProblem) => Error,
): AsyncGenerator<MultipartPart> {
  for await (const part of parts) {
    const problem =
      stringProblem(part.fieldname) ?? (part.type === 'field' && typeof part.value === 'string' ? stringProblem(part.value) : null);
    if (problem) throw refuse(problem);
    yield part;
  }
}
