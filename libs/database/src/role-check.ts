import { DataSource } from 'typeorm';

export class UnsafeDatabaseRoleError extends Error {}

/** Tables with a `tenant_id` column that lack forced row-level security or a policy. */
export const UNPROTECTED_TENANT_TABLES = `
  SELECT c.relname AS table
    FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p') AND n.nspname = current_schema()
     AND EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
     AND (NOT c.relrowsecurity OR NOT c.relforcerowsecurity
          OR NOT EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid))
   ORDER BY 1`;

/**
 * Refuses to serve when row-level security could be bypassed: the connected
 * role must not be a superuser, have BYPASSRLS or own a tenant table, and
 * every tenant table must have forced RLS and a policy.
 */
export async function assertSafeApplicationRole(ds: DataSource): Promise<void> {
  const [role] = await ds.query<{ name: string; rolsuper: boolean; rolbypassrls: boolean }[]>(
    `SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
  );
  if (!role) throw new UnsafeDatabaseRoleError('cannot read the application role from pg_roles');
  if (role.rolsuper)
    throw new UnsafeDatabaseRoleError(`the application role '${role.name}' is a superuser: row-level security would not apply`);
  if (role.rolbypassrls) throw new UnsafeDatabaseRoleError(`the application role '${role.name}' has BYPASSRLS`);
  const owned = await ds.query<{ relname: string }[]>(
    `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND pg_get_userbyid(c.relowner) = current_user`,
  );
  if (owned.length > 0) {
    throw new UnsafeDatabaseRoleError(
      `the application role '${role.name}' owns ${owned.map((r) => r.relname).join(', ')}: owners can bypass row-level security`,
    );
  }
  const unprotected = await ds.query<{ table: string }[]>(UNPROTECTED_TENANT_TABLES);
  if (unprotected.length > 0) {
    throw new UnsafeDatabaseRoleError(
      `tenant tables without forced row-level security and a policy: ${unprotected.map((r) => r.table).join(', ')}`,
    );
  }
}
