import { isUtf8 } from 'node:buffer';

/** Why a request's input was refused before any handler saw it (locale key `errors.input.<problem>`). */
export type InputProblem = 'nul' | 'utf8' | 'repeated' | 'depth' | 'size' | 'shape' | 'json';

/** Deeper than any form or API body of ours; far below what overflows a recursive walker (class-transformer). */
export const MAX_DEPTH = 16;
/** Values (strings, numbers, objects, array items) in one body or query. */
export const MAX_NODES = 5_000;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A string PostgreSQL cannot store (NUL) or that is not Unicode text (a lone surrogate from a JSON `\ud800` escape). */
export function stringProblem(value: string): InputProblem | null {
  if (value.includes('\0')) return 'nul';
  if (LONE_SURROGATE.test(value)) return 'utf8';
  return null;
}

/**
 * Walks a parsed body, query or path parameters without recursion (so a body
 * nested 100,000 deep cannot overflow the stack here) and names the first
 * problem: a bad string (keys too), too deep, too many values.
 */
export function valueProblem(root: unknown): InputProblem | null {
  const stack: { value: unknown; depth: number }[] = [{ value: root, depth: 0 }];
  let nodes = 0;
  while (stack.length) {
    const { value, depth } = stack.pop()!;
    if (++nodes > MAX_NODES) return 'size';
    if (typeof value === 'string') {
      const problem = stringProblem(value);
      if (problem) return problem;
    } else if (value && typeof value === 'object') {
      if (depth >= MAX_DEPTH) return 'depth';
      for (const [key, item] of Object.entries(value)) {
        const problem = stringProblem(key);
        if (problem) return problem;
        stack.push({ value: item, depth: depth + 1 });
      }
    }
  }
  return null;
}

/** A request target whose path or query does not decode to UTF-8 text (`%FF`, `%E0%A4`, `%zz`, raw non-UTF-8 bytes). */
export function targetProblem(rawUrl: string): InputProblem | null {
  if (!isUtf8(Buffer.from(rawUrl, 'latin1'))) return 'utf8';
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const parts = [path, ...(q < 0 ? [] : rawUrl.slice(q + 1).split(/[&=]/))];
  for (const part of parts) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return 'utf8';
    }
    const problem = stringProblem(decoded);
    if (problem) return problem;
  }
  return null;
}

/** A query where a name comes twice (`?token=a&token=b`) is ambiguous: which one did the client mean? */
export function queryProblem(query: unknown): InputProblem | null {
  if (!query || typeof query !== 'object') return null;
  for (const value of Object.values(query)) if (Array.isArray(value)) return 'repeated';
  return valueProblem(query);
}

/** A JSON body: UTF-8, an object at the top (never `null`, a number or a list), sane depth and strings. */
export function jsonBody(raw: Buffer): { body: unknown; problem: InputProblem | null } {
  if (!isUtf8(raw)) return { body: {}, problem: 'utf8' };
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'), (key, value: unknown) => {
      // `__proto__` is refused, as Fastify's own parser does: copied onto an object it would replace its prototype.
      if (key === '__proto__') throw new SyntaxError('forbidden prototype property');
      return value;
    });
  } catch {
    return { body: {}, problem: 'json' };
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return { body: {}, problem: 'shape' };
  const problem = valueProblem(body);
  return problem ? { body: {}, problem } : { body, problem: null };
}

/** A form without a prototype, so no field name (`constructor`, `toString`) finds an inherited value. */
function emptyForm(): Record<string, string | string[]> {
  return Object.create(null) as Record<string, string | string[]>;
}

/**
 * An urlencoded body: every name and value decodes to UTF-8 text. A name given
 * twice becomes a list (multi-value form fields); the handler's DTO says
 * whether a list is acceptable there.
 */
export function urlencodedBody(raw: Buffer): { body: Record<string, string | string[]>; problem: InputProblem | null } {
  const body = emptyForm();
  if (!isUtf8(raw)) return { body, problem: 'utf8' };
  const text = raw.toString('utf8');
  let nodes = 0;
  for (const pair of text.split('&')) {
    if (!pair) continue;
    if (++nodes > MAX_NODES) return { body: emptyForm(), problem: 'size' };
    const eq = pair.indexOf('=');
    let key: string;
    let value: string;
    try {
      key = decodeURIComponent((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, ' '));
      value = decodeURIComponent((eq < 0 ? '' : pair.slice(eq + 1)).replace(/\+/g, ' '));
    } catch {
      return { body: emptyForm(), problem: 'utf8' };
    }
    const problem = stringProblem(key) ?? stringProblem(value);
    if (problem) return { body: emptyForm(), problem };
    if (key === '__proto__') continue;
    const existing = body[key];
    if (existing === undefined) body[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else body[key] = [existing, value];
  }
  return { body, problem: null };
}
