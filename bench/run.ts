import { request } from 'node:http';
import { availableParallelism, cpus, platform, release } from 'node:os';
import { join } from 'node:path';
import { cleanup, startServer, tempDir } from './children';
import { load, LoadResult, median } from './load';
import { fmt, REPORTS_END, REPORTS_START, table, verdict, writeBlock, writeSection } from './report';
import { dropScratchDatabases, reportsBudgetSeconds, runReports } from './reports';
import { generateTenants } from './tenants';
import { pageWeight, PageWeight } from './page-weight';

/*
 * npm run bench: every variant side by side in one run, each server in its own
 * child process (autocannon runs here, on the other core), interleaved over
 * BENCH_ROUNDS rounds, medians reported.
 *
 *   BENCH_DURATION   seconds measured per run (default 8)
 *   BENCH_WARMUP     seconds of warm-up before each measurement (default 2, at most BENCH_DURATION)
 *   BENCH_ROUNDS     rounds (default 3)
 *   BENCH_CONNECTIONS concurrent connections (default 50)
 *   BENCH_SCALE      tenant counts for the scale section (default 1,100,1000; empty to skip)
 *   BENCH_ONLY       comma list of HTTP variants to run (default all; "none" to skip)
 *   BENCH_NOTE       a sentence printed under the parameters (conditions of the run)
 *   BENCH_REPORT     markdown file to write (default docs/benchmarks.md for runs of >= 5 s, else dist/bench/benchmarks.smoke.md)
 *   BENCH_SECTIONS   comma list of sections: foundation, reports (default both); see bench/reports.ts for the reports section's variables
 *   BENCH_CHILD_ARGS extra node flags for every server child, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile them
 */
const ROOT = join(__dirname, '..', '..');
const env = process.env;
const num = (name: string, fallback: number) => (env[name] !== undefined && env[name] !== '' ? Number(env[name]) : fallback);
const DURATION = num('BENCH_DURATION', 8);
const WARMUP = Math.min(num('BENCH_WARMUP', 2), DURATION);
const ROUNDS = Math.max(1, Math.floor(num('BENCH_ROUNDS', 3)));
const CONNECTIONS = num('BENCH_CONNECTIONS', 50);
const SCALE = (env.BENCH_SCALE ?? '1,100,1000').split(',').filter(Boolean).map(Number);
const REPORT = env.BENCH_REPORT ?? join(ROOT, DURATION >= 5 ? 'docs/benchmarks.md' : 'dist/bench/benchmarks.smoke.md');
const HOST = 'jakarta.localhost';
const SECTIONS = (env.BENCH_SECTIONS || 'foundation,reports')
  .split(',')
  .map((x) => x.trim())
  .filter(Boolean);
for (const section of SECTIONS)
  if (!['foundation', 'reports'].includes(section)) throw new Error(`BENCH_SECTIONS: unknown section '${section}' (foundation, reports)`);
const FOUNDATION = SECTIONS.includes('foundation');
const REPORTS = SECTIONS.includes('reports');

interface Variant {
  name: string;
  server: string;
  path: string;
  what: string;
}

const VARIANTS: Variant[] = [
  { name: 'tenant-resolved', server: 'platform', path: '/api/services', what: 'real platform: tenancy hook + guards, JSON tiles' },
  { name: 'tenancy-off', server: 'tenancy-off', path: '/api/services', what: 'same route and JSON, no CLS/tenancy' },
  {
    name: 'request-scoped',
    server: 'request-scoped',
    path: '/api/services',
    what: 'tenant in a Scope.REQUEST provider from @Inject(REQUEST)',
  },
  { name: 'fastify-hello', server: 'fastify-hello', path: '/', what: 'bare Nest on Fastify, {hello:"world"}' },
  { name: 'express-hello', server: 'express-hello', path: '/', what: 'bare Nest on Express, {hello:"world"}' },
  {
    name: 'home-page',
    server: 'platform',
    path: '/',
    what: 'real platform: themed HTML home page, anonymous (from the page cache after its first render)',
  },
].filter((v) => !env.BENCH_ONLY || env.BENCH_ONLY.split(',').includes(v.name));

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

function get(port: number, path: string, host: string): Promise<{ status: number; type: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, headers: { host, accept: 'text/html,application/json' }, timeout: 10_000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type'] ?? ''), body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error(`GET ${path} timed out`)));
    req.on('error', reject);
    req.end();
  });
}

/** Boots `server`, checks the route answers 200, warms up, measures; always stops the child. */
async function measure(
  server: string,
  path: string,
  host: string,
  childEnv: Record<string, string> = {},
  inspect?: (port: number) => Promise<void>,
) {
  const t0 = Date.now();
  // Generous: on a shared machine the embedded database's first boot can take over a minute.
  const running = await startServer(server, childEnv, 360_000);
  try {
    const { port } = running.ready;
    const check = await get(port, path, host);
    if (check.status !== 200) throw new Error(`${server} GET ${path} (Host ${host}): ${check.status} ${check.body.slice(0, 300)}`);
    if (inspect) await inspect(port);
    if (WARMUP > 0) await load({ port, path, host, seconds: WARMUP, connections: CONNECTIONS });
    const before = await running.cpu();
    const result = await load({ port, path, host, seconds: DURATION, connections: CONNECTIONS });
    const after = await running.cpu();
    result.cpuUs = (after.user + after.system - before.user - before.system) / Math.max(1, result.requests);
    if (result.non2xx > 0 || result.errors > 0) log(`  warning: ${server} ${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    return { result, ready: running.ready, check, wallMs: Date.now() - t0 };
  } finally {
    await running.stop();
  }
}

interface ScaleRun {
  result: LoadResult;
  bootMs: number;
  heapUsed: number;
  phases: Record<string, number>;
  profile: Record<string, number>;
}

async function main(): Promise<void> {
  if (FOUNDATION) await foundation();
  if (REPORTS) {
    const block = await runReports({ root: ROOT, rounds: ROUNDS, duration: DURATION, warmup: WARMUP, note: env.BENCH_NOTE });
    process.stdout.write(`${block}\n`);
    writeSection(REPORT, REPORTS_START, REPORTS_END, block);
    log(`wrote the reports section of ${REPORT}`);
  }
}

async function foundation(): Promise<void> {
  const started = new Date();
  const cores = availableParallelism();
  log(`node ${process.version}, ${cores} cores; ${ROUNDS} round(s) of ${WARMUP}s warm-up + ${DURATION}s at ${CONNECTIONS} connections`);

  const scaleDirs = new Map<number, { dir: string; lastHost: string }>();
  if (SCALE.length > 0) {
    const parent = tempDir('replika-bench-tenants-');
    for (const n of SCALE) scaleDirs.set(n, generateTenants(join(ROOT, 'tenants'), n, parent));
    log(`generated tenant folders for N = ${SCALE.join(', ')}`);
  }

  const http = new Map<string, LoadResult[]>(VARIANTS.map((v) => [v.name, []]));
  const bodies = new Map<string, string>();
  const scale = new Map<number, ScaleRun[]>(SCALE.map((n) => [n, []]));
  let homeWeight: PageWeight | undefined;

  for (let round = 0; round < ROUNDS; round++) {
    // Rotate the order every round so a slow drift of the machine does not always hit the same variant.
    const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
    for (const v of order) {
      const inspect =
        v.name === 'home-page' && !homeWeight
          ? async (port: number) => void (homeWeight = await pageWeight(port, v.path, HOST))
          : undefined;
      const { result, check } = await measure(v.server, v.path, HOST, {}, inspect);
      http.get(v.name)!.push(result);
      bodies.set(v.name, check.body);
      log(
        `round ${round + 1}/${ROUNDS} ${v.name.padEnd(16)} ${fmt.int(result.rps).padStart(7)} req/s  p50 ${fmt.ms(result.p50)} ms  p99 ${fmt.ms(result.p99)} ms  cpu ${fmt.int(result.cpuUs)} µs/req`,
      );
    }
    const scaleOrder = SCALE.map((_, i) => SCALE[(i + round) % SCALE.length]);
    for (const n of scaleOrder) {
      const { dir, lastHost } = scaleDirs.get(n)!;
      const { result, ready } = await measure('platform', '/api/services', lastHost, { TENANTS_DIR: dir, BENCH_PROFILE: '1' });
      scale
        .get(n)!
        .push({ result, bootMs: ready.phases.listening, heapUsed: ready.heapUsed, phases: ready.phases, profile: ready.profile ?? {} });
      log(
        `round ${round + 1}/${ROUNDS} N=${String(n).padEnd(5)} boot ${fmt.s(ready.phases.listening)} s  heap ${fmt.mb(ready.heapUsed)} MB  ${fmt.int(result.rps)} req/s  p50 ${fmt.ms(result.p50)} ms  cpu ${fmt.int(result.cpuUs)} µs/req`,
      );
    }
  }

  // The three /api/services variants must answer the same JSON, or the comparison means nothing.
  const services = ['tenant-resolved', 'tenancy-off', 'request-scoped'].filter((n) => bodies.has(n)).map((n) => bodies.get(n)!);
  const sameJson = services.every((b) => b === services[0]);

  const block = report({ started, cores, http, scale, sameJson, bodies, homeWeight });
  process.stdout.write(`${block}\n`);
  writeBlock(REPORT, block);
  log(`wrote ${REPORT}`);
}

/** Issue 9: the home page's HTML, CSS and JavaScript under 50 KB compressed. */
const HOME_WEIGHT_LIMIT_KB = 50;

function report({
  started,
  cores,
  http,
  scale,
  sameJson,
  bodies,
  homeWeight,
}: {
  homeWeight?: PageWeight;
  started: Date;
  cores: number;
  http: Map<string, LoadResult[]>;
  scale: Map<number, ScaleRun[]>;
  sameJson: boolean;
  bodies: Map<string, string>;
}): string {
  const med = (runs: LoadResult[], key: keyof LoadResult) => median(runs.map((r) => r[key]));
  const rps = (name: string) => med(http.get(name) ?? [], 'rps');
  const out: string[] = [];
  out.push('## Foundation: cost of per-request tenancy, and tenant scale', '');
  out.push(
    `Command: \`npm run bench\` · date: ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC · machine: ${cores} cores (os.availableParallelism()), ${cpus()[0]?.model ?? 'unknown CPU'}, ${platform()} ${release()} · Node ${process.version}`,
  );
  out.push('');
  out.push(
    `Parameters: ${ROUNDS} round(s), each run ${WARMUP} s warm-up + ${DURATION} s measured, ${CONNECTIONS} connections, autocannon 9 on 127.0.0.1. Figures are medians over the rounds.`,
  );
  if (env.BENCH_NOTE) out.push('', `Note: ${env.BENCH_NOTE}`);

  if (http.size > 0) {
    out.push('', '### HTTP overhead', '');
    const hello = rps('fastify-hello');
    out.push(
      table(
        VARIANTS.map((v) => {
          const runs = http.get(v.name)!;
          return {
            variant: v.name,
            route: `GET ${v.path}`,
            'req/s': fmt.int(med(runs, 'rps')),
            'p50 ms': fmt.ms(med(runs, 'p50')),
            'p99 ms': fmt.ms(med(runs, 'p99')),
            'server CPU µs/req': fmt.int(med(runs, 'cpuUs')),
            'vs fastify-hello': fmt.ratio(med(runs, 'rps') / hello),
            'req/s per round': runs.map((r) => fmt.int(r.rps)).join(' / '),
            what: v.what,
          };
        }),
        ['variant', 'route', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', 'vs fastify-hello', 'req/s per round', 'what'],
      ),
    );
    out.push('');
    const ratio = (a: string, b: string) => rps(a) / rps(b);
    const rows = [
      { ratio: 'tenant-resolved / tenancy-off', value: ratio('tenant-resolved', 'tenancy-off'), target: 0.95 },
      { ratio: 'tenant-resolved / fastify-hello', value: ratio('tenant-resolved', 'fastify-hello'), target: 0.9 },
      { ratio: 'home-page / fastify-hello', value: ratio('home-page', 'fastify-hello'), target: 0.5 },
      { ratio: 'request-scoped / tenant-resolved', value: ratio('request-scoped', 'tenant-resolved') },
      { ratio: 'express-hello / fastify-hello', value: ratio('express-hello', 'fastify-hello') },
    ];
    out.push(
      table(
        rows.map((r) => ({
          'ratio (req/s)': r.ratio,
          value: fmt.ratio(r.value),
          target: r.target === undefined ? '(info)' : `>= ${r.target.toFixed(2)}`,
          result: r.target === undefined ? '' : verdict(Number.isFinite(r.value) ? r.value >= r.target : undefined),
        })),
        ['ratio (req/s)', 'value', 'target', 'result'],
      ),
    );
    const errors = [...http].filter(([, runs]) => runs.some((r) => r.non2xx > 0 || r.errors > 0)).map(([name]) => name);
    out.push('');
    out.push(
      `The three \`/api/services\` variants answer ${sameJson ? 'byte-identical JSON' : '**different JSON (check the variants)**'}` +
        `${bodies.has('tenant-resolved') ? ` (${Buffer.byteLength(bodies.get('tenant-resolved')!)} bytes)` : ''}` +
        `${bodies.has('home-page') ? `; the home page is ${Buffer.byteLength(bodies.get('home-page')!)} bytes of HTML` : ''}. ` +
        `${errors.length ? `Non-2xx or errors during: ${errors.join(', ')}.` : 'No non-2xx responses or errors.'}`,
    );
    if (homeWeight) {
      out.push(
        '',
        `Home page weight (jakarta, first view by an anonymous visitor: the HTML and every stylesheet and script it references, gzip level 6 as a compressing proxy would send them; the platform itself does not compress):`,
        '',
      );
      out.push(
        table(
          [
            ...homeWeight.resources.map((r) => ({
              resource: r.path,
              bytes: fmt.int(r.bytes),
              'gzip bytes': fmt.int(r.gzip),
              target: '',
              result: '',
            })),
            {
              resource: '**total**',
              bytes: fmt.int(homeWeight.bytes),
              'gzip bytes': fmt.int(homeWeight.gzip),
              target: `< ${HOME_WEIGHT_LIMIT_KB} KB`,
              result: verdict(homeWeight.gzip < HOME_WEIGHT_LIMIT_KB * 1024),
            },
          ],
          ['resource', 'bytes', 'gzip bytes', 'target', 'result'],
        ),
      );
    }
  }

  if (scale.size > 0) {
    out.push('', '### Tenant scale', '');
    out.push(
      'Generated tenants `gen-0001`..`gen-N` each `extends: jakarta` (plus the real jakarta and lampung); ' +
        '`GET /api/services` with the Host of the last one. Boot = process start to listening (child-reported); heap after a forced gc.',
      '',
    );
    const ns = [...scale.keys()].sort((a, b) => a - b);
    const base = scale.get(ns[0]) ?? [];
    const baseP50 = median(base.map((r) => r.result.p50));
    const m = (runs: ScaleRun[], f: (r: ScaleRun) => number) => median(runs.map(f));
    out.push(
      table(
        ns.map((n) => {
          const runs = scale.get(n)!;
          return {
            N: n,
            tenants: m(runs, (r) => r.profile.tenants),
            'boot s': fmt.s(m(runs, (r) => r.bootMs)),
            'heap MB': fmt.mb(m(runs, (r) => r.heapUsed)),
            'req/s': fmt.int(m(runs, (r) => r.result.rps)),
            'p50 ms': fmt.ms(m(runs, (r) => r.result.p50)),
            'p99 ms': fmt.ms(m(runs, (r) => r.result.p99)),
            'server CPU µs/req': fmt.int(m(runs, (r) => r.result.cpuUs)),
            [`p50 vs N=${ns[0]}`]: fmt.ratio(m(runs, (r) => r.result.p50) / baseP50),
          };
        }),
        ['N', 'tenants', 'boot s', 'heap MB', 'req/s', 'p50 ms', 'p99 ms', 'server CPU µs/req', `p50 vs N=${ns[0]}`],
      ),
    );
    out.push(
      '',
      'Where boot goes (medians, ms since process start for the phases; the loader halves and the overlay read re-timed after boot):',
      '',
    );
    out.push(
      table(
        ns.map((n) => {
          const runs = scale.get(n)!;
          return {
            N: n,
            'modules loaded': fmt.int(m(runs, (r) => r.phases.imported)),
            'createPlatform done': fmt.int(m(runs, (r) => r.phases.created)),
            'app.init done': fmt.int(m(runs, (r) => r.phases.initialized)),
            listening: fmt.int(m(runs, (r) => r.phases.listening)),
            'read folders (YAML)': fmt.int(m(runs, (r) => r.profile.readFoldersMs)),
            'resolve + validate': fmt.int(m(runs, (r) => r.profile.resolveValidateMs)),
            'overlay read (1 query/tenant)': fmt.int(m(runs, (r) => r.profile.overlayReadMs)),
          };
        }),
        [
          'N',
          'modules loaded',
          'createPlatform done',
          'app.init done',
          'listening',
          'read folders (YAML)',
          'resolve + validate',
          'overlay read (1 query/tenant)',
        ],
      ),
    );
    const top = ns[ns.length - 1];
    const topRuns = scale.get(top)!;
    const p50Ratio = m(topRuns, (r) => r.result.p50) / baseP50;
    const boot = m(topRuns, (r) => r.bootMs);
    out.push('');
    out.push(
      table(
        [
          {
            target: `p50 latency at N=${top} within 10% of N=${ns[0]}`,
            value: fmt.ratio(p50Ratio),
            limit: '<= 1.100',
            result: verdict(Number.isFinite(p50Ratio) ? p50Ratio <= 1.1 : undefined),
          },
          {
            target: `boot with N=${top} generated tenants`,
            value: `${fmt.s(boot)} s`,
            limit: '< 10 s',
            result: verdict(Number.isFinite(boot) ? boot < 10_000 : undefined),
          },
        ],
        ['target', 'value', 'limit', 'result'],
      ),
    );
  }

  out.push('', '### Method', '');
  out.push(
    "- Each server variant runs in its own child process (`bench/servers/*.ts`, forked with `--expose-gc`), so it never shares an event loop with autocannon, which runs in the orchestrator (`bench/run.ts`); with 2 cores, one is the server's and one the load generator's.",
  );
  out.push(
    '- Each measurement boots a fresh child (the platform on embedded PGlite in a fresh temp `DATA_DIR`, logger off), checks the route answers 200, warms up, then measures; the child is stopped before the next one. Variants are interleaved and their order rotated every round; the tables show medians over the rounds, and the ratios are ratios of those medians.',
  );
  out.push(
    "- All Fastify variants use the platform's adapter options. `tenancy-off` returns jakarta's tiles computed once; `request-scoped` and the platform compute them per request with the platform's `HomeService`. Latency percentiles are computed from every 2xx response time (sub-millisecond; autocannon's own histogram is whole milliseconds).",
  );
  out.push(
    "- Server CPU µs/req is the child's `process.cpuUsage()` (user + system) over the measured run divided by the requests served: it moves far less than req/s on a shared machine, and it is what to compare when req/s are noisy. The two hello variants and `tenancy-off` are partly bound by the single autocannon process (their server is idle part of the time), so their req/s understate the server's ceiling and ratios against them are, if anything, generous.",
  );
  out.push(
    '- The machine is shared and noisy: differences of a few percent between single runs are within noise; compare ratios from the same run.',
  );
  return out.join('\n');
}

const bail = (code: number) => {
  cleanup();
  process.exit(code);
};
// The reports section's scratch databases are dropped on the way out too (bounded: the exit must not hang on the server).
const bailDropping = (code: number) => {
  cleanup();
  void Promise.race([dropScratchDatabases().catch(() => undefined), new Promise((r) => setTimeout(r, 10_000))]).finally(() =>
    process.exit(code),
  );
};
process.on('SIGINT', () => bailDropping(130));
process.on('SIGTERM', () => bailDropping(143));
process.on('exit', () => cleanup());

// A hard bound on the whole run: every child is killed if it is exceeded.
const perRun = WARMUP + DURATION + 20;
const budgetS = num(
  'BENCH_TIMEOUT',
  120 +
    (FOUNDATION ? ROUNDS * (VARIANTS.length * perRun + SCALE.length * (perRun + 30)) * 1.5 : 0) +
    (REPORTS ? reportsBudgetSeconds({ rounds: ROUNDS, duration: DURATION, warmup: WARMUP }) * 1.5 : 0),
);
const watchdog = setTimeout(() => {
  log(`timed out after ${Math.round(budgetS)} s`);
  bailDropping(124);
}, budgetS * 1000);
watchdog.unref();

main()
  .then(() => bail(0))
  .catch((error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    bail(1);
  });
