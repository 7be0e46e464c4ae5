import Fastify from 'fastify';
import { Pool } from 'pg';
import { feedStatement } from '../../libs/reports/src/feed-query';
import { portOf, serve } from './child';

/**
 * The floor of the public feed (reports section): the platform's own feed
 * statement (`feedStatement`, same SQL, same named prepared statement, same
 * 20 rows) through plain `pg` on bare Fastify, one round trip per request.
 * Connections log in as `replika_app` with `app.tenant_id = jakarta` fixed for
 * the whole session (startup option), so row-level security still filters
 * the rows; that is something the platform must never do (a pooled
 * connection serves every tenant), which is why this is a floor and not a
 * design. Rows go out as pg returns them, without the platform's localized names.
 */
serve(async (mark) => {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('feed-floor needs DATABASE_URL');
  const url = new URL(databaseUrl);
  url.username = 'replika_app';
  url.password = '';
  const pool = new Pool({
    connectionString: url.toString(),
    max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
    options: '-c app.tenant_id=jakarta',
  });
  const app = Fastify({ logger: false, trustProxy: false, bodyLimit: 1_048_576 });
  app.get('/api/reports', async (req) => {
    const query = req.query as Record<string, string | undefined>;
    const page = Math.max(1, Math.min(1000, Number(query.page) || 1));
    const { rows } = await pool.query(
      feedStatement({ category: query.category, status: query.status, region: query.region, page, pageSize: 20 }),
    );
    return { page, hasMore: rows.length > 20, items: rows.slice(0, 20) };
  });
  mark('created');
  await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    port: portOf(app.server),
    close: async () => {
      await app.close();
      await pool.end();
    },
  };
});
