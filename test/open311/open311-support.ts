import Ajv from 'ajv';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Response } from '../support/http';

/** The JSON Schemas in test/open311/schemas (written from the GeoReport v2 spec text), compiled once. */
const SCHEMAS = join(__dirname, '..', '..', '..', 'test', 'open311', 'schemas');
const ajv = new Ajv({ allErrors: true, strict: false });
for (const file of readdirSync(SCHEMAS)) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')));

export type SchemaName = 'discovery' | 'services' | 'service-definition' | 'service-requests' | 'post-response' | 'tokens' | 'errors';

/** The response's JSON, after checking its content type and its shape against the schema. */
export function validJson<T = any>(res: Response, schema: SchemaName): T {
  assert.match(String(res.headers['content-type']), /^application\/json; charset=utf-8/, res.body);
  const body = res.json();
  const validate = ajv.getSchema(`https://replika.example/open311/${schema}.json`)!;
  assert.ok(validate(body), `${schema}: ${ajv.errorsText(validate.errors)}\n${res.body}`);
  return body;
}

/** Elements that are list items in GeoReport v2 XML: always arrays once parsed. */
const ITEMS = new Set(['service', 'request', 'error', 'attribute', 'value', 'endpoint', 'format']);
const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: false, isArray: (name) => ITEMS.has(name) });

/** The response's XML: the declaration the spec requires, well-formed, one expected root; parsed with text values. */
export function validXml(res: Response, root: string): any {
  assert.match(String(res.headers['content-type']), /^text\/xml; charset=utf-8/, res.body);
  assert.ok(res.body.startsWith('<?xml version="1.0" encoding="utf-8"?>'), res.body.slice(0, 80));
  assert.equal(XMLValidator.validate(res.body), true, res.body);
  const doc = parser.parse(res.body);
  const roots = Object.keys(doc).filter((k) => k !== '?xml');
  assert.deepEqual(roots, [root], res.body);
  return doc[root];
}

/** The items of an XML list (`<service_requests><request>…`), [] for an empty list element. */
export function xmlItems(list: any, item: string): any[] {
  return list === '' || list === undefined ? [] : list[item] ?? [];
}

export function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}
