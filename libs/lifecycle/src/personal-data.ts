/** What replaces a contact detail found in free text. */
export const REDACTED = '[dihapus]';

// An e-mail address, and a phone number as Indonesians write them: +62 / 62 / 0 then 8-13 digits, spaces, dots or dashes between.
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const PHONE = /(?:\+62|\b62|\b0)[\s.-]?\d(?:[\s.-]?\d){7,12}\b/g;

/** Free text with e-mail addresses and phone numbers replaced; the rest (what the problem is) stays for statistics. */
export function redactContacts(text: string): string {
  return text.replace(EMAIL, REDACTED).replace(PHONE, REDACTED);
}
