import { stringify } from 'yaml';

/** First line of every tenant file: lets editors (yaml-language-server) check it against the generated schema. */
export const SCHEMA_COMMENT = '# yaml-language-server: $schema=../tenant.schema.json';

export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0 });
}

/** A tenant file as written by the CLI: the schema comment, then the YAML. */
export function tenantFileText(value: unknown): string {
  return `${SCHEMA_COMMENT}\n${toYaml(value)}`;
}
