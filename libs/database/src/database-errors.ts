/**
 * What a database error means to the caller, whichever layer raised it (pg,
 * the pool, TypeORM's QueryFailedError with its `driverError`): the server is
 * unreachable or restarting (503, try again), or it refused a value it was
 * given (400). Anything else is a bug and stays a 500.
 */

/** Seconds a client should wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

// SQLSTATE classes 08 (connection exception), 57P0x (shutdown, crash, cannot connect now), 53300 (too many connections).
const UNAVAILABLE_STATES = /^(08\d{3}|57P0[1-4]|53300)$/;
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const UNAVAILABLE_MESSAGES =
  /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection is not established|the database system is (starting up|shutting down|in recovery mode)|Client was closed and is not queryable|Cannot use a pool after calling end|terminating connection/i;
// Class 22 (data exception: NUL or invalid bytes, numbers out of range, malformed uuid or date) and 54 (program limit exceeded).
const REJECTED_INPUT_STATES = /^(22[0-9A-Z]{3}|54\d{3})$/;

function causes(error: unknown): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  const seen = new Set<unknown>();
  const queue = [error];
  while (queue.length && found.length < 20) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const record = e as Record<string, unknown>;
    found.push(record);
    queue.push(record.driverError, record.cause, ...(Array.isArray(record.errors) ? (record.errors as unknown[]) : []));
  }
  return found;
}

/** The database cannot be reached right now (down, restarting, connections exhausted). */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some((e) => {
    const code = typeof e.code === 'string' ? e.code : '';
    return (
      UNAVAILABLE_STATES.test(code) ||
      UNAVAILABLE_CODES.has(code) ||
      (typeof e.message === 'string' && UNAVAILABLE_MESSAGES.test(e.message))
    );
  });
}

/** PostgreSQL refused a value (NUL byte, invalid UTF-8, out-of-range number, malformed uuid): the caller's input, not our bug. */
export function isRejectedInput(error: unknown): boolean {
  return causes(error).some((e) => typeof e.code === 'string' && REJECTED_INPUT_STATES.test(e.code));
}
