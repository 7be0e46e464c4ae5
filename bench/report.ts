import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export const START = '<!-- bench:foundation:start -->';
export const END = '<!-- bench:foundation:end -->';

export interface Row {
  [column: string]: string | number;
}

/** A markdown table; numbers are printed as given (format them first). */
export function table(rows: Row[], columns: string[]): string {
  const cells = rows.map((r) => columns.map((c) => String(r[c] ?? '')));
  const widths = columns.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i].length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  return [line(columns), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.map(line)].join('\n');
}

export const fmt = {
  int: (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a'),
  ms: (n: number) => (Number.isFinite(n) ? n.toFixed(2) : 'n/a'),
  ratio: (n: number) => (Number.isFinite(n) ? n.toFixed(3) : 'n/a'),
  mb: (bytes: number) => (Number.isFinite(bytes) ? (bytes / 1024 / 1024).toFixed(1) : 'n/a'),
  s: (ms: number) => (Number.isFinite(ms) ? (ms / 1000).toFixed(2) : 'n/a'),
};

export function verdict(ok: boolean | undefined): string {
  return ok === undefined ? 'n/a' : ok ? 'PASS' : 'MISS';
}

/**
 * Writes `block` between the foundation markers of `file`, keeping every
 * other section as it is; creates the file (with a title) when missing.
 */
export function writeBlock(file: string, block: string): void {
  const wrapped = `${START}\n${block.trim()}\n${END}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start >= 0 && end > start) text = text.slice(0, start) + wrapped + text.slice(end + END.length);
  else text = `${text.trimEnd()}\n\n${wrapped}\n`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}

export const REPORTS_START = '<!-- bench:reports:start -->';
export const REPORTS_END = '<!-- bench:reports:end -->';

/**
 * Writes `block` between the markers `start` and `end` of `file`, keeping every
 * other section; when the markers are missing, appends them right after the
 * foundation block (or at the end).
 */
export function writeSection(file: string, start: string, end: string, block: string): void {
  const wrapped = `${start}\n${block.trim()}\n${end}`;
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\n';
  const s = text.indexOf(start);
  const e = text.indexOf(end);
  if (s >= 0 && e > s) text = text.slice(0, s) + wrapped + text.slice(e + end.length);
  else {
    const after = text.indexOf(END);
    text =
      after >= 0
        ? `${text.slice(0, after + END.length)}\n\n${wrapped}${text.slice(after + END.length)}`
        : `${text.trimEnd()}\n\n${wrapped}\n`;
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
}
