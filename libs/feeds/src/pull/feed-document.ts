import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { FeedSourceConfig } from '@app/tenancy';
import { FetchedBody } from '../fetch/feed-fetcher';
import { FeedFailure } from '../fetch/feed-failure';

/** More rows than any public source here publishes per pull; beyond it the pull fails rather than fill the database. */
export const MAX_ROWS = 50_000;

export type RawRow = Record<string, unknown>;

/**
 * Text from a source's bytes: the source's configured encoding, else the
 * charset its Content-Type declares, else UTF-8. UTF-8 is decoded strictly:
 * bytes that are not UTF-8 (a windows-1252 file served as UTF-8) fail the pull
 * with a reason instead of storing mojibake.
 */
export function decodeBody(body: FetchedBody, configured?: string): string {
  const declared = /charset\s*=\s*"?([A-Za-z0-9_.:-]+)/i.exec(body.contentType)?.[1]?.toLowerCase();
  const encoding = (configured ?? declared ?? 'utf-8').toLowerCase();
  let text: string;
  if (encoding === 'utf-8' || encoding === 'utf8') {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(body.bytes);
    } catch {
      throw new FeedFailure(
        'bad-encoding',
        `the body is not valid UTF-8${declared ? ` (declared ${declared})` : ''}; set the source's encoding`,
      );
    }
  } else {
    if (!iconv.encodingExists(encoding)) throw new FeedFailure('bad-encoding', `unknown character set '${configured ?? declared}'`); // as written: `encoding` is narrowed away here
    text = iconv.decode(body.bytes, encoding);
  }
  return text.replace(/^\uFEFF/, '');
}

/** The source's rows as plain objects, before mapping: JSON at `rows`, or CSV with a header line. */
export function parseDocument(body: FetchedBody, source: Pick<FeedSourceConfig, 'format' | 'rows' | 'delimiter' | 'encoding'>): RawRow[] {
  const text = decodeBody(body, source.encoding);
  const head = text.trimStart().slice(0, 200).toLowerCase();
  // A portal's error or login page served with 200 where data was promised.
  if (
    /text\/html|application\/xhtml/i.test(body.contentType) ||
    head.startsWith('<!doctype html') ||
    head.startsWith('<html') ||
    (source.format === 'json' && head.startsWith('<'))
  ) {
    throw new FeedFailure('html-instead-of-data', `an HTML page came instead of ${source.format.toUpperCase()}`);
  }
  const rows = source.format === 'json' ? jsonRows(text, source.rows) : csvRows(text, source.delimiter ?? ',');
  if (rows.length > MAX_ROWS) throw new FeedFailure('too-many-rows', `${rows.length} rows, more than ${MAX_ROWS}`);
  return rows;
}

function jsonRows(text: string, path: string | undefined): RawRow[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new FeedFailure('malformed', `not valid JSON: ${(error as Error).message.slice(0, 200)}`);
  }
  const found = path ? valueAt(doc, path) : doc;
  if (!Array.isArray(found))
    throw new FeedFailure('malformed', path ? `no list of rows at '${path}'` : 'the document is not a list of rows');
  return found as RawRow[];
}

function csvRows(text: string, delimiter: string): RawRow[] {
  try {
    return parseCsv<RawRow>(text, {
      columns: (header: string[]) => header.map((h) => h.trim()),
      delimiter,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      relax_quotes: true,
    });
  } catch (error) {
    throw new FeedFailure('malformed', `not valid CSV: ${(error as Error).message.slice(0, 200)}`);
  }
}

/** `a.b.c` in a parsed JSON value; an exact key wins over a path (CSV headers may contain dots). */
export function valueAt(value: unknown, path: string): unknown {
  if (value !== null && typeof value === 'object' && Object.hasOwn(value, path)) return (value as Record<string, unknown>)[path];
  let at: unknown = value;
  for (const part of path.split('.')) {
    if (at === null || typeof at !== 'object' || !Object.hasOwn(at, part)) return undefined;
    at = (at as Record<string, unknown>)[part];
  }
  return at;
}
