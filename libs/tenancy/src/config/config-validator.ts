import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { ConfigClass, nestedProperties, recordProperties } from './record-of.decorator';
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
export function validateShape(cls: ConfigClass, plain: unknown, path: (string | number)[] = []): PathProblem[] {
  return relativeProblems(cls, plain).map((p) => ({ path: [...path, ...p.path], message: p.message }));
}

/**
 * Problems of one object, with paths relative to it, computed once per object
 * and class: a child tenant's effective config shares every subtree it does
 * not override with its parent's, so 1,000 tenants extending Jakarta check
 * Jakarta's agencies once, not 1,000 times.
 */
const checked = new WeakMap<object, Map<ConfigClass, PathProblem[]>>();

function relativeProblems(cls: ConfigClass, plain: unknown): PathProblem[] {
  if (!isMap(plain)) return [{ path: [], message: 'must be a map of keys to values' }];
  let byClass = checked.get(plain);
  const cached = byClass?.get(cls);
  if (cached) return cached;
  // class-validator checks the object's own fields; keyed maps stand in as `{}` and are walked entry by entry below.
  const records = recordProperties(cls);
  const shallow: Record<string, unknown> = { ...plain };
  for (const property of records.keys()) if (isMap(shallow[property])) shallow[property] = {};
  const instance = plainToInstance(cls, shallow);
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false } });
  const problems = [...errors.flatMap((e) => flatten(e, [])), ...walkRecords(cls, plain, [])];
  if (!byClass) checked.set(plain, (byClass = new Map<ConfigClass, PathProblem[]>()));
  byClass.set(cls, problems);
  return problems;
}

/** Validates the entries of every keyed map in `plain`, including maps inside nested config objects. */
function walkRecords(cls: ConfigClass, plain: Record<string, unknown>, path: (string | number)[]): PathProblem[] {
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
