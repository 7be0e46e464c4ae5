import { QueryRunner } from 'typeorm';
import { APP_ROLE } from '../app-role';

/**
 * Makes a table a tenant table: row-level security enabled and forced (so it
 * holds even for the owner), one policy that reads and writes only the rows
 * of the transaction's tenant, and the app role's privileges. Fail-closed: with
 * no tenant set, `nullif(..., '')` is NULL and no row matches.
 */
export async function tenantTable(db: QueryRunner, table: string, privileges: string[]): Promise<void> {
  await db.query(`ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY`);
  await db.query(`ALTER TABLE ${table} FORCE ROW LEVEL SECURITY`);
  await db.query(`
    CREATE POLICY tenant_isolation ON ${table}
      USING (tenant_id = nullif(current_setting('app.tenant_id', true), ''))
      WITH CHECK (tenant_id = nullif(current_setting('app.tenant_id', true), ''))`);
  await db.query(`GRANT ${privileges.join(', ')} ON ${table} TO ${APP_ROLE}`);
}
