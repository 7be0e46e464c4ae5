import 'reflect-metadata';
import { getMetadataStorage, ValidationTypes } from 'class-validator';
import { isJsonObject, Json, JsonObject } from './merge-patch';
import { ConfigClass, nestedProperties, recordProperties } from './record-of.decorator';

const PLACE = Symbol('replika:place');

/** `true`: the whole property is place; a list: only those keys of a free-form object (a service's `settings.title`). */
export type PlaceMark = true | readonly string[];

/**
 * Marks a config property as PLACE: part of what a province is (its name,
 * hosts, area, regions, agencies, routing, numbers, identity), as opposed to
 * the APP it replicates (services, categories, workflow, look). Place is
 * inherited only from an abstract base (`tenants/indonesia`), never from a
 * concrete province: a tenant that extends Jakarta gets Jakarta's app and
 * none of Jakarta's place. The loader and the JSON Schema (`x-place`) read it.
 */
export function PlaceKey(options: { keys?: readonly string[] } = {}): PropertyDecorator {
  return (target, property) => {
    const marks =
      (Reflect.getMetadata(PLACE, target) as Map<string | symbol, PlaceMark> | undefined) ?? new Map<string | symbol, PlaceMark>();
    marks.set(property, options.keys ?? true);
    Reflect.defineMetadata(PLACE, marks, target);
  };
}

export function placeProperties(cls: ConfigClass): Map<string, PlaceMark> {
  return (Reflect.getMetadata(PLACE, cls.prototype as object) as Map<string, PlaceMark> | undefined) ?? new Map<string, PlaceMark>();
}

/** A path to place in a config: property names, with `*` for every entry of a keyed map. */
export type PlacePath = readonly string[];

/**
 * Every place path of a config class, found by walking its nested classes and
 * keyed maps: `name`, `branding.appName`, `services.*.settings.title`…
 */
export function placePathsOf(cls: ConfigClass, prefix: string[] = []): PlacePath[] {
  const paths: PlacePath[] = [];
  const marks = placeProperties(cls);
  for (const [property, mark] of marks) {
    if (mark === true) paths.push([...prefix, property]);
    else for (const key of mark) paths.push([...prefix, property, key]);
  }
  for (const [property, type] of nestedProperties(cls)) {
    if (marks.get(property) !== true) paths.push(...placePathsOf(type(), [...prefix, property]));
  }
  for (const [property, type] of recordProperties(cls)) {
    if (marks.get(property) !== true) paths.push(...placePathsOf(type(), [...prefix, property, '*']));
  }
  return paths;
}

/**
 * The place paths a concrete tenant must have: whole place properties that
 * are not `@IsOptional()`, inside objects that are not optional either
 * (`hosts`, `area`, `branding.appName`, `reports.ticketPrefix`…).
 */
export function requiredPlacePathsOf(cls: ConfigClass, prefix: string[] = []): PlacePath[] {
  const paths: PlacePath[] = [];
  const marks = placeProperties(cls);
  for (const [property, mark] of marks) if (mark === true && !isOptional(cls, property)) paths.push([...prefix, property]);
  for (const [property, type] of nestedProperties(cls)) {
    if (!marks.has(property) && !isOptional(cls, property)) paths.push(...requiredPlacePathsOf(type(), [...prefix, property]));
  }
  return paths;
}

function isOptional(cls: ConfigClass, property: string): boolean {
  return getMetadataStorage()
    .getTargetValidationMetadatas(cls, '', true, false)
    .some((m) => m.propertyName === property && m.type === ValidationTypes.CONDITIONAL_VALIDATION);
}

/** `value` without what lies at `paths` (a copy where something is removed; untouched subtrees are shared). */
export function withoutPaths(value: Json, paths: readonly PlacePath[]): Json {
  if (!isJsonObject(value) || paths.length === 0) return value;
  let result: JsonObject | undefined;
  const own = (): JsonObject => (result ??= { ...value });
  const deeper = new Map<string, PlacePath[]>();
  for (const [head, ...rest] of paths) {
    const keys = head === '*' ? Object.keys(value) : Object.hasOwn(value, head) ? [head] : [];
    for (const key of keys) {
      if (rest.length === 0) delete own()[key];
      else deeper.set(key, [...(deeper.get(key) ?? []), rest]);
    }
  }
  for (const [key, rest] of deeper) {
    const current = (result ?? value)[key];
    if (current === undefined) continue;
    const stripped = withoutPaths(current, rest);
    if (stripped !== current) own()[key] = stripped;
  }
  return result ?? value;
}

/** Whether `path` (a config path like `['branding', 'appName']`) is place, or lies inside place. */
export function isPlacePath(path: readonly (string | number)[], paths: readonly PlacePath[]): boolean {
  return paths.some((p) => p.length <= path.length && p.every((segment, i) => segment === '*' || segment === path[i]));
}
