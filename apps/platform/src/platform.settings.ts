import { Env, loadSettings, InvalidEnvironmentError } from '@app/config';
import { DatabaseSettings } from '@app/database';
import { JobsSettings } from '@app/jobs';
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
  observability: ObservabilitySettings;
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
  const settings = { http: load(HttpSettings), tenancy: load(TenancySettings), database: load(DatabaseSettings), security: load(SecuritySettings),
    jobs: load(JobsSettings), observability: load(ObservabilitySettings), push: load(PushSettings) };
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return settings;
}
