import { Env, loadSettings, InvalidEnvironmentError } from '@app/config';
import { DatabaseSettings } from '@app/database';
import { FeedsSettings } from '@app/feeds';
import { JobsSettings } from '@app/jobs';
import { MediaSettings } from '@app/media';
import { MailSettings } from '@app/mail';
import { ObservabilitySettings } from '@app/observability';
import { PushSettings } from '@app/push';
import { SecuritySettings } from '@app/security';
import { TenancySettings } from '@app/tenancy';
import { HttpSettings } from './http.settings';

export interface PlatformSettings {
  http: HttpSettings;
  tenancy: TenancySettings;
  database: DatabaseSettings;
  security: SecuritySettings;
  jobs: JobsSettings;
  mail: MailSettings;
  observability: ObservabilitySettings;
  media: MediaSettings;
  feeds: FeedsSettings;
  push: PushSettings;
}

/** Every concern's settings validated at once, so one boot reports every malformed variable. */
export function loadPlatformSettings(env: Env): PlatformSettings {
  const problems: string[] = [];
  const load = <T extends object>(cls: new () => T): T => {
    try {
      return loadSettings(cls, env);
    } catch (e) {
      if (!(e instanceof InvalidEnvironmentError)) throw e;
      problems.push(...e.problems);
      return new cls();
    }
  };
  const settings = {
    http: load(HttpSettings),
    tenancy: load(TenancySettings),
    database: load(DatabaseSettings),
    security: load(SecuritySettings),
    jobs: load(JobsSettings),
    observability: load(ObservabilitySettings),
    media: load(MediaSettings),
    feeds: load(FeedsSettings),
    mail: load(MailSettings),
    push: load(PushSettings),
  };
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return settings;
}
