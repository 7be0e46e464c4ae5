import { IsOptional, IsString, Matches } from 'class-validator';

export class MailSettings {
  /** `production`: the log transport (no SMTP_URL) keeps message bodies out of the log. */
  @IsOptional() @IsString() NODE_ENV?: string;

  /**
   * The SMTP server every tenant sends through, as a URL
   * (`smtp://user:pass@host:587`, `smtps://…:465`); its credentials come from
   * the environment, never from the repo. Unset: messages go to the log.
   */
  @IsOptional() @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' }) SMTP_URL?: string;
}
