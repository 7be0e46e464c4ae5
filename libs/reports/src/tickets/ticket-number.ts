import { localDay } from '@app/config';

/**
 * A ticket number as JAKI prints them: prefix, the day in the tenant's time
 * zone as YYMMDD, then the day's sequence (JK2503050007). Four digits, more
 * when a day passes 9,999 reports.
 */
export function formatTicketNumber(prefix: string, at: Date, timeZone: string, sequence: number): string {
  return `${prefix}${localDay(at, timeZone).replace(/-/g, '').slice(2)}${String(sequence).padStart(4, '0')}`;
}
