/** A JSON value as read from YAML or stored as a revision. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * RFC 7396 JSON Merge Patch: objects merge key by key, `null` removes a key,
 * anything else (arrays included) replaces. The one merge rule of tenant config,
 * used for `extends` chains and for admin revisions alike.
 */
export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isJsonObject(patch)) return structuredClone(patch);
  const result: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** The patch that turns `from` into `to` (inverse of mergePatch, for diffs and exports). */
export function diffPatch(from: Json | undefined, to: Json | undefined): Json | undefined {
  if (to === undefined) return from === undefined ? undefined : null;
  if (isJsonObject(from) && isJsonObject(to)) {
    const patch: JsonObject = {};
    for (const key of new Set([...Object.keys(from), ...Object.keys(to)])) {
      const change = diffPatch(from[key], to[key]);
      if (change !== undefined) patch[key] = change;
    }
    return Object.keys(patch).length > 0 ? patch : undefined;
  }
  return JSON.stringify(from) === JSON.stringify(to) ? undefined : structuredClone(to);
}
