/**
 * A ticket number as JAKI prints them: prefix, the day in the tenant's time
 * zone as YYMMDD, then the day's sequence (JK2503050007). Four digits, more
 * when a day passes 9,999 reports.
 */
export function formatTicketNumber(prefix: string, at: Date, timeZone: string, sequence: number): string {
  return `${prefix}${localDay(at, timeZone).replace(/-/g, '').slice(2)}${String(sequence).padStart(4, '0')}`;
}

/** The calendar day of `at` in `timeZone`, as YYYY-MM-DD. */
export function localDay(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
