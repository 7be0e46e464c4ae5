import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';

export type Env = Record<string, string | undefined>;

/** Boot refuses to go on with a malformed environment; the message names each variable. */
export class InvalidEnvironmentError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  }
}

/**
 * Validates the environment variables one concern reads (a class whose
 * properties are named like the variables) into a typed settings object.
 * Empty strings count as unset, so `FOO=` in a compose file means "default".
 */
export function loadSettings<T extends object>(cls: new () => T, env: Env): T {
  const defined = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const settings = plainToInstance(cls, defined, { excludeExtraneousValues: false });
  const problems = validateSync(settings, { whitelist: true }).flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `${e.property}: ${m}`),
  );
  if (problems.length > 0) throw new InvalidEnvironmentError(problems);
  return settings;
}

/** For boolean variables: 1/true/yes/on and 0/false/no/off, anything else stays a string and fails validation. */
export function toBoolean({ value }: { value: unknown }): unknown {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
}

export function toInteger({ value }: { value: unknown }): unknown {
  return typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;
}
