import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LocalCluster } from './local-cluster';

/**
 * `npm run cluster`: nginx in front of three platform instances on the
 * shared PostgreSQL (DATABASE_URL) and Redis (REDIS_URL), with s3rver as the
 * S3 store, the topology of docker-compose.yml from local processes. Ctrl-C
 * stops everything cleanly.
 */
async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl)
    throw new Error("DATABASE_URL is required: the instances share one PostgreSQL server (the embedded database is one process's)");
  const port = Number(process.env.CLUSTER_PORT ?? 8080);
  const instances = Number(process.env.CLUSTER_INSTANCES ?? 3);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error('CLUSTER_PORT must be a port number');
  if (!Number.isInteger(instances) || instances < 1 || instances > 16) throw new Error('CLUSTER_INSTANCES must be between 1 and 16');
  const dir = resolve(process.env.CLUSTER_DIR ?? join('data', 'cluster'));
  mkdirSync(dir, { recursive: true });

  const cluster = new LocalCluster({ databaseUrl, redisUrl: process.env.REDIS_URL, port, instances, dir });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping nginx, then each instance (draining), then s3rver`);
    await cluster.stop();
    console.log('stopped');
    process.exit(0);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void stop(signal));

  console.log(`starting s3rver, ${instances} platform instances and nginx (logs in ${cluster.logDir})`);
  try {
    await cluster.start();
  } catch (error) {
    await cluster.stop();
    throw error;
  }
  const { port: nginxPort } = new URL(cluster.url);
  for (const i of cluster.instances) console.log(`${i.name}: http://127.0.0.1:${i.port}/ (pid ${i.child?.pid})`);
  console.log(`s3rver: ${cluster.s3Endpoint} (bucket replika)`);
  console.log(`nginx: ${cluster.url}/`);
  console.log(`  open http://jakarta.localhost:${nginxPort}/ and http://lampung.localhost:${nginxPort}/`);
  console.log(`  curl -H 'Host: jakarta.localhost' ${cluster.url}/`);
  console.log('Ctrl-C stops everything.');
}

main().catch((error: unknown) => {
  console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
