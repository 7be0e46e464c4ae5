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
export function effectiveDiffs(baseline: Json, revisions: RevisionLike[]): Map<number, Json> {
  const diffs = new Map<number, Json>();
  let previous = baseline;
  for (const r of [...revisions].sort((a, b) => a.revision - b.revision)) {
    const effective = mergePatch(baseline, r.patch);
    diffs.set(r.revision, diffPatch(previous, effective) ?? {});
    previous = effective;
  }
  return diffs;
}
