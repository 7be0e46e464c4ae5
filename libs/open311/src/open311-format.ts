/**
 * The two wire formats of GeoReport v2. JSON is the document as is; XML maps
 * it element for element (the spec's "Spark convention"): a list becomes a
 * wrapper element with one child per item, null an empty element.
 */

export type Open311Format = 'json' | 'xml';

export const CONTENT_TYPES: Record<Open311Format, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
};

export type XmlValue = string | number | boolean | null | undefined | XmlValue[] | { [key: string]: XmlValue };

/** `services.json` → json; anything but json or xml → null (the route answers 404). */
export function formatOf(extension: string | undefined): Open311Format | null {
  return extension === 'json' || extension === 'xml' ? extension : null;
}

/** Splits `pipa-air-bocor.json` into the name and the format. */
export function splitResource(file: string): { name: string; format: Open311Format | null } {
  const dot = file.lastIndexOf('.');
  if (dot <= 0) return { name: file, format: null };
  return { name: file.slice(0, dot), format: formatOf(file.slice(dot + 1)) };
}

/** The element name of one item of each list the spec defines. */
const ITEM: Record<string, string> = {
  services: 'service',
  service_requests: 'request',
  errors: 'error',
  attributes: 'attribute',
  values: 'value',
  endpoints: 'endpoint',
  formats: 'format',
};

/** One document: its root element name (which, for a list, also names its items) and its body. */
export interface Open311Document {
  root: string;
  body: XmlValue;
}

export function serialize(format: Open311Format, doc: Open311Document): string {
  if (format === 'json') return JSON.stringify(doc.body);
  return `<?xml version="1.0" encoding="utf-8"?>\n${element(doc.root, doc.body)}\n`;
}

function element(name: string, value: XmlValue): string {
  if (value === null || value === undefined) return `<${name}></${name}>`;
  if (Array.isArray(value)) {
    const item = ITEM[name];
    if (!item) throw new Error(`no item element for list '${name}'`);
    return `<${name}>${value.map((v) => element(item, v)).join('')}</${name}>`;
  }
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${escapeXml(String(value))}</${name}>`;
}

/** Escapes text for an XML element, dropping the characters XML 1.0 cannot carry at all. */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- control characters are exactly what this pattern matches
      .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}
