import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsObject, ValidateNested } from 'class-validator';

const RECORD_OF = Symbol('replika:record-of');

/** A config class: validated from plain YAML/JSON, constructed without arguments. */
export type ConfigClass = new () => object;
const NESTED = Symbol('replika:nested');

/**
 * Marks a property as a map keyed by code whose values are instances of `type`.
 * Keyed collections are maps, not arrays, so that a child tenant's merge patch
 * can override or remove one item by its code. class-validator's `each` does not
 * walk plain objects, so the tenant validator walks these maps itself.
 */
export function RecordOf(type: () => ConfigClass): PropertyDecorator {
  return (target, property) => {
    IsObject({ message: `${String(property)} must be a map of codes to entries` })(target, property);
    const records: Map<string | symbol, () => ConfigClass> =
      (Reflect.getMetadata(RECORD_OF, target) as Map<string | symbol, () => ConfigClass> | undefined) ??
      new Map<string | symbol, () => ConfigClass>();
    records.set(property, type);
    Reflect.defineMetadata(RECORD_OF, records, target);
  };
}

export function recordProperties(cls: ConfigClass): Map<string, () => ConfigClass> {
  return (
    (Reflect.getMetadata(RECORD_OF, cls.prototype as object) as Map<string, () => ConfigClass> | undefined) ??
    new Map<string, () => ConfigClass>()
  );
}

/** A nested config object of class `type`: validated in place, and walked for the keyed maps inside it. */
export function Nested(type: () => ConfigClass): PropertyDecorator {
  return (target, property) => {
    Type(type)(target, property);
    ValidateNested()(target, property);
    const nested: Map<string | symbol, () => ConfigClass> =
      (Reflect.getMetadata(NESTED, target) as Map<string | symbol, () => ConfigClass> | undefined) ??
      new Map<string | symbol, () => ConfigClass>();
    nested.set(property, type);
    Reflect.defineMetadata(NESTED, nested, target);
  };
}

export function nestedProperties(cls: ConfigClass): Map<string, () => ConfigClass> {
  return (
    (Reflect.getMetadata(NESTED, cls.prototype as object) as Map<string, () => ConfigClass> | undefined) ??
    new Map<string, () => ConfigClass>()
  );
}
