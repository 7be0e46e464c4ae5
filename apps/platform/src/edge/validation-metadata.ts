import { getMetadataStorage } from 'class-validator';

type Lookup = ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas'];

/**
 * Remembers class-validator's rule lookup per DTO class. On every validation
 * it otherwise scans every decorated class of the app for ancestors
 * (typestack/class-validator#2686): the largest part of validating the feed's
 * query, run on every request (docs/benchmarks.md). A class's rules, its own
 * and inherited, are all registered when its module loads, before it can be
 * validated, so the answer for a class never changes; classes loaded later
 * only add entries of their own. Installed once per process (the tests boot many platforms in one).
 */
let remembering = false;

export function rememberValidationRules(): void {
  if (remembering) return;
  remembering = true;
  const storage = getMetadataStorage();
  const lookup: Lookup = storage.getTargetValidationMetadatas.bind(storage);
  const byClass = new WeakMap<object, Map<string, ReturnType<Lookup>>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let known = byClass.get(target);
    if (!known) byClass.set(target, (known = new Map<string, ReturnType<Lookup>>()));
    let rules = known.get(key);
    if (!rules) known.set(key, (rules = lookup(target, schema, always, strictGroups, groups)));
    return rules;
  };
}
