import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * A test tenant's own place, the least that validates: place is never
 * inherited from the province a tenant extends (only from tenants/indonesia),
 * so a tenant written by a test must bring its own. One file, `place.yaml`.
 */
export function writeTestPlace(tenantDir: string, code = 'UJ'): void {
  writeFileSync(
    join(tenantDir, 'place.yaml'),
    [
      'area: { south: -6.5, west: 106.0, north: -6.0, east: 106.5 }',
      'regions: { "99": { name: Uji, kind: provinsi } }',
      'agencies: { biro-uji: { name: Biro Uji, kind: biro, region: "99", categories: [] } }',
      'routing: { rules: {} }',
      `reports: { ticketPrefix: ${code}, escalation: { agency: biro-uji } }`,
    ].join('\n') + '\n',
  );
}
