import 'reflect-metadata';

const RECORD_OF = Symbol('replika:record-of');

/**
 * Marks a property as a map keyed by code whose values are instances of `type`.
 * Keyed collections are maps, not arrays, so that a child tenant's merge patch
 * can override or remove one item by its code. class-validator's `each` does not
 * walk plain objects, so the tenant validator walks these maps itself.
 */
export function RecordOf(type: () => Function): PropertyDecorator {
  return (target, property) => {
    const records: Map<string | symbol, () => Function> = Reflect.getMetadata(RECORD_OF, target) ?? new Map();
    records.set(property, type);
    Reflect.defineMetadata(RECORD_OF, records, target);
  };
}

export function recordProperties(cls: Function): Map<string, () => Function> {
  return Reflect.getMetadata(RECORD_OF, cls.prototype) ?? new Map();
}
