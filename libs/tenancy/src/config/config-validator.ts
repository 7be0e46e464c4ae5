import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { nestedProperties, recordProperties } from './record-of.decorator';
import { TenantConfig } from './tenant-config';

export interface PathProblem {
  path: (string | number)[];
  message: string;
}

/**
 * Checks a plain object against a config class, recursing into nested classes
 * and keyed maps. Unknown keys are errors: a typo in a tenant file must not
 * be silently ignored.
 */
export function validateShape(cls: Function, plain: unknown, path: (string | number)[] = []): PathProblem[] {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return [{ path, message: 'must be a map of keys to values' }];
  }
  const instance = plainToInstance(cls as new () => object, plain);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false } });
  return [...errors.flatMap((e) => flatten(e, path)), ...walkRecords(cls, plain as Record<string, unknown>, path)];
}

/** Validates the entries of every keyed map in `plain`, including maps inside nested config objects. */
function walkRecords(cls: Function, plain: Record<string, unknown>, path: (string | number)[]): PathProblem[] {
  const problems: PathProblem[] = [];
  for (const [property, type] of recordProperties(cls)) {
    const record = plain[property];
    if (!isMap(record)) continue;
    for (const [key, value] of Object.entries(record)) problems.push(...validateShape(type(), value, [...path, property, key]));
  }
  for (const [property, type] of nestedProperties(cls)) {
    const nested = plain[property];
    if (isMap(nested)) problems.push(...walkRecords(type(), nested, [...path, property]));
  }
  return problems;
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flatten(error: ValidationError, parent: (string | number)[]): PathProblem[] {
  const segment = /^\d+$/.test(error.property) ? Number(error.property) : error.property;
  const path = [...parent, segment];
  const own = Object.entries(error.constraints ?? {}).map(([kind, message]) => ({
    path,
    message: kind === 'whitelistValidation' ? `unknown key '${error.property}'` : message,
  }));
  return [...own, ...(error.children ?? []).flatMap((c) => flatten(c, path))];
}

export function validateTenantShape(plain: unknown): PathProblem[] {
  return validateShape(TenantConfig, plain);
}
