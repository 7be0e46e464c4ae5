import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { ROOT, tenantCli } from './cli-runner';

const COMMITTED = join(ROOT, 'tenants', 'tenant.schema.json');

/** The parts of a JSON Schema these tests read. */
interface SchemaNode {
  definitions: Record<string, SchemaNode>;
  properties: Record<string, SchemaNode>;
  required?: string[];
  anyOf?: object[];
}

function generated(): SchemaNode {
  const r = tenantCli(['schema', '--out', '-']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as SchemaNode;
}

test('schema is a merge-patch schema of the config classes', () => {
  const schema = generated();
  assert.ok(schema.definitions.TenantConfig && schema.definitions.AgencyConfig);
  for (const [name, definition] of Object.entries(schema.definitions)) {
    assert.equal(definition.required, undefined, `${name}: a file is a patch, nothing is required`);
    for (const [key, property] of Object.entries(definition.properties)) {
      assert.deepEqual(property.anyOf?.[1], { type: 'null' }, `${name}.${key}: null removes a key`);
    }
  }
  assert.deepEqual(schema.definitions.TenantConfig.properties.agencies, {
    'x-place': true,
    anyOf: [
      { type: 'object', additionalProperties: { anyOf: [{ $ref: '#/definitions/AgencyConfig' }, { type: 'null' }] } },
      { type: 'null' },
    ],
  });
  assert.equal(schema.definitions.TenancySettings, undefined, 'only classes reachable from TenantConfig');
});

test('the committed tenants/tenant.schema.json is up to date', () => {
  assert.equal(readFileSync(COMMITTED, 'utf8'), `${JSON.stringify(generated(), null, 2)}\n`, 'run `npm run tenant -- schema`');
  assert.equal(tenantCli(['schema', '--check', '--dir', join(ROOT, 'tenants')]).code, 0);
});

test('every shipped tenant file points at the schema and satisfies it', () => {
  // x-place marks place keys: an annotation for editors and tools, no constraint.
  const validate = new Ajv({ allErrors: true, keywords: ['x-place'] }).compile(JSON.parse(readFileSync(COMMITTED, 'utf8')));
  for (const slug of ['indonesia', 'jakarta', 'lampung']) {
    for (const file of readdirSync(join(ROOT, 'tenants', slug)).filter((f) => f.endsWith('.yaml'))) {
      const text = readFileSync(join(ROOT, 'tenants', slug, file), 'utf8');
      assert.ok(text.startsWith('# yaml-language-server: $schema=../tenant.schema.json\n'), `${slug}/${file}`);
      assert.ok(validate(parse(text)), `${slug}/${file}: ${JSON.stringify(validate.errors)}`);
    }
  }
  assert.equal(validate({ agencies: { x: { name: 'X', kind: 'dinas', categories: [], typo: 1 } } }), false);
});
