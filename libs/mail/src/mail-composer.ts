import { Injectable } from '@nestjs/common';
import { Locale, mailOf, TenantContext } from '@app/tenancy';
import { ViewEngine } from '@app/views';
import { OutgoingMail } from './mail-transport';

/**
 * Renders a message from the tenant's Handlebars templates in the recipient's
 * language: `mail/<template>.text` and `mail/<template>.html` (tenant, then
 * ancestors, then apps/platform/views/mail, like pages), the subject from the
 * string `mail.<template>.subject`. The sender is the tenant's `mail:` config.
 */
@Injectable()
export class MailComposer {
  constructor(
    private readonly views: ViewEngine,
    private readonly context: TenantContext,
  ) {}

  compose(template: string, to: string, locale: Locale, model: Record<string, unknown>): OutgoingMail {
    const tenant = this.context.tenant;
    const mail = mailOf(tenant.config);
    const subject = this.views.text(tenant, locale, `mail.${template}.subject`, stringParams(model));
    const full = { ...model, subject };
    return {
      tenant: tenant.slug,
      template,
      to,
      subject,
      from: { name: mail.fromName, address: mail.fromAddress },
      replyTo: mail.replyTo,
      text: this.views.renderMail(tenant, `mail/${template}.text`, full, locale, { text: true }),
      html: this.views.renderMail(tenant, `mail/${template}.html`, full, locale, { text: false }),
    };
  }
}

function stringParams(model: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(model)
      .filter(([, v]) => typeof v === 'string' || typeof v === 'number')
      .map(([k, v]) => [k, String(v)]),
  );
}
