import { diffPatch, Json, JsonObject, mergePatch } from '@app/tenancy';

export interface RevisionLike {
  revision: number;
  patch: JsonObject;
}

/**
 * For each revision (oldest first), the change it made to the effective
 * config: the diff between the baseline (folders) with the previous overlay
 * and with its own. A revision that changed nothing has an empty diff.
 */
export function effectiveDiffs(baseline: Json, revisions: RevisionLike[]): Map<number, { diff: Json; changes: ValueChange[] }> {
  const diffs = new Map<number, { diff: Json; changes: ValueChange[] }>();
  let previous = baseline;
  for (const r of [...revisions].sort((a, b) => a.revision - b.revision)) {
    const effective = mergePatch(baseline, r.patch);
    diffs.set(r.revision, { diff: diffPatch(previous, effective) ?? {}, changes: valueChanges(previous, effective) });
    previous = effective;
  }
  return diffs;
}

/** One value a revision changed: where, what it was, what it became (undefined: absent). */
export interface ValueChange {
  path: string[];
  from: Json | undefined;
  to: Json | undefined;
}

/** Every leaf that differs between two configs, old → new; arrays and added or removed objects are leaves. */
export function valueChanges(from: Json | undefined, to: Json | undefined, path: string[] = []): ValueChange[] {
  const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (isObject(from) && isObject(to)) {
    return [...new Set([...Object.keys(from), ...Object.keys(to)])].flatMap((key) => valueChanges(from[key], to[key], [...path, key]));
  }
  return JSON.stringify(from) === JSON.stringify(to) ? [] : [{ path, from, to }];
}
