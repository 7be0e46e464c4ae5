import Ajv from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Response } from '../support/http';

/** The JSON Schemas in test/open311/schemas (written from the GeoReport v2 spec text), compiled once. */
const SCHEMAS = join(__dirname, '..', '..', '..', 'test', 'open311', 'schemas');
const ajv = new Ajv({ allErrors: true, strict: false });
for (const file of readdirSync(SCHEMAS)) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as object);

/** What the tests read of each GeoReport v2 answer, by the name of the schema that checks it. */
export interface Open311Json {
  discovery: { endpoints: { url: string; specification: string; formats: string[] }[] };
  services: { service_code: string; service_name: string; metadata: boolean; keywords?: string; group?: string }[];
  'service-definition': {
    service_code: string;
    attributes: { code: string; datatype: string; required: boolean; order: number; values?: { key: string; name: string }[] }[];
  };
  'service-requests': {
    service_request_id: string;
    lat: number;
    long: number;
    address: string;
    media_url: string | null;
    status: string;
  }[];
  'post-response': { service_request_id: string }[];
  tokens: { service_request_id: string; token: string }[];
  errors: { code: number; description: string }[];
}

export type SchemaName = keyof Open311Json;

/** The response's JSON, after checking its content type and its shape against the schema. */
export function validJson<S extends SchemaName>(res: Response, schema: S): Open311Json[S] {
  assert.match(String(res.headers['content-type']), /^application\/json; charset=utf-8/, res.body);
  const body = res.json<Open311Json[S]>();
  const validate = ajv.getSchema(`https://replika.example/open311/${schema}.json`)!;
  assert.ok(validate(body), `${schema}: ${ajv.errorsText(validate.errors)}\n${res.body}`);
  return body;
}

/** Elements that are list items in GeoReport v2 XML: always arrays once parsed. */
const ITEMS = new Set(['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format']);
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, isArray: (name) => ITEMS.has(name) });

/**
 * A parsed XML element: text values are strings (parseTagValue is off) and list items are arrays; `T` is the part
 * of the element the test reads.
 */
export type XmlRecord = Record<string, string>;

/** The response's XML: the declaration the spec requires, well-formed, one expected root; parsed with text values. */
export function validXml<T = XmlRecord>(res: Response, root: string): T {
  assert.match(String(res.headers['content-type']), /^text\/xml; charset=utf-8/, res.body);
  assert.ok(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>'), res.body.slice(0, 80));
  assert.equal(XMLValidator.validate(res.body), true, res.body);
  const doc = parser.parse(res.body) as Record<string, T>;
  const roots = Object.keys(doc).filter((k) => k !== '?xml');
  assert.deepEqual(roots, [root], res.body);
  return doc[root];
}

/** The items of an XML list (`<service_requests><request>…`), [] for an empty list element. */
export function xmlItems<T = XmlRecord>(list: unknown, item: string): T[] {
  return list === '' || list === undefined ? [] : ((list as Record<string, T[] | undefined>)[item] ?? []);
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}
