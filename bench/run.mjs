// `npm run bench`: every benchmark in one run, the compared things alternating round by round in
// this one process (medians reported), then bench/RESULTS.md with the machine and every figure.
//
// Env knobs (defaults are the committed run's): BENCH_ROUNDS=3, BENCH_DURATION=5 (s per autocannon
// round), BENCH_CONNECTIONS=10, BENCH_SOAK_SECONDS=60, BENCH_SOAK_CONNECTIONS=50,
// BENCH_ONLY=http,profile,soak,startup,inprocess (a subset), BENCH_OUTPUT=bench/RESULTS.md,
// BENCH_SCENARIOS=raw,apollo-bare,svc-nodeCapacity-varied (a subset of section 1's scenarios, each with its
// baseline, for a quick look at one goal; the committed run has them all),
// BENCH_PROFILES=svc-bare,... (scenarios profiled), BENCH_RENDER_ONLY=1 (re-render BENCH_OUTPUT from its run's figures),
// BENCH_RATE_LIMIT_HEADROOM=1.5 (the service's budget over the raw ceiling), BENCH_COST_PER_REQUEST=200, BENCH_TABLE_REQUESTS=20,
// BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres (a role that may CREATE DATABASE),
// BENCH_SETTLE_SECONDS=120 (how long to wait for the load average, the build's included, to settle).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { summariseCpuProfile } from './lib/cpu-profile.mjs';
import { createDatabase, dropDatabase } from './lib/db.mjs';
import { load } from './lib/load.mjs';
import { machineInfo } from './lib/machine.mjs';
import { ROOT, TMP, startService } from './lib/service.mjs';
import { SMOKE_LOAD, renderResults } from './report.mjs';
import { probeService, targetFor } from './lib/context.mjs';
import { median } from './lib/stats.mjs';
import { HTTP_SCENARIOS, POD_TABLE, SOAK_MIX } from './scenarios.mjs';
import { performance } from 'node:perf_hooks';

const env = process.env;
const CONF = {
  rounds: Number(env.BENCH_ROUNDS ?? 3),
  duration: Number(env.BENCH_DURATION ?? 5),
  warmup: Number(env.BENCH_WARMUP ?? 2),
  connections: Number(env.BENCH_CONNECTIONS ?? 10),
  soakSeconds: Number(env.BENCH_SOAK_SECONDS ?? 60),
  soakConnections: Number(env.BENCH_SOAK_CONNECTIONS ?? 50),
  // V8 sizes its heap lazily under a new load: the measured minute starts once the service has settled.
  soakWarmupSeconds: Number(env.BENCH_SOAK_WARMUP_SECONDS ?? 20),
  startupRounds: Number(env.BENCH_STARTUP_ROUNDS ?? env.BENCH_ROUNDS ?? 3),
};
const SECTIONS = new Set((env.BENCH_ONLY ?? 'http,profile,soak,startup,inprocess').split(',').map((s) => s.trim()));
const SCENARIOS = (() => {
  if (!env.BENCH_SCENARIOS) return HTTP_SCENARIOS;
  const wanted = new Set(env.BENCH_SCENARIOS.split(',').map((x) => x.trim()));
  for (const id of wanted) if (!HTTP_SCENARIOS.some((s) => s.id === id)) throw new Error(`BENCH_SCENARIOS: no scenario ${id}`);
  // A ratio needs its baseline in the same round.
  for (const s of HTTP_SCENARIOS) if (wanted.has(s.id) && s.baseline) wanted.add(s.baseline);
  return HTTP_SCENARIOS.filter((s) => wanted.has(s.id));
})();
const OUTPUT = env.BENCH_OUTPUT ?? join(ROOT, 'bench', 'RESULTS.md');
// The figures of the run, for BENCH_RENDER_ONLY: a run written elsewhere (a subset, a smoke run) keeps its
// figures beside its own output, not over those of the committed results.
const FIGURES = env.BENCH_OUTPUT ? `${OUTPUT}.json` : join(TMP, 'results.json');
const DB = `planner_bench_${process.pid}`;

const log = (msg) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${msg}\n`);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const cleanups = [];
async function cleanup() {
  while (cleanups.length) {
    const fn = cleanups.pop();
    await fn().catch((err) => log(`cleanup: ${err.message}`));
  }
}
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

function preflight() {
  for (const file of ['dist/src/main.js', 'bench/.tmp/build/test/support/fake-ec2/index.js']) {
    if (!existsSync(join(ROOT, file))) throw new Error(`${file} is missing: run \`npm run bench\` (it builds first)`);
  }
}

// ---- 1. HTTP throughput: the peers and the service, alternating in each round --------------------
const PEERS = {
  raw: { script: 'bench/hello-server.mjs', readyPath: '/' },
  fastify: { script: 'bench/peers/fastify.mjs', readyPath: '/ready' },
  apollo: { script: 'bench/peers/apollo-fastify.mjs', readyPath: '/ready' },
  mercurius: { script: 'bench/peers/mercurius.mjs', readyPath: '/ready' },
  yoga: { script: 'bench/peers/yoga.mjs', readyPath: '/ready' },
  nest: { script: 'bench/peers/nest-apollo.mjs', readyPath: '/ready' },
};
const DEFAULT_RATE_LIMIT = 60_000;
// The per-client budget (RATE_LIMIT_PER_MINUTE, in the cost units of the GraphQL cost limit: a REST
// request costs 10, a GraphQL request 1 plus its operation's estimated cost) is raised only as far as the
// load needs: no server on this machine answers more than the raw node:http ceiling, so the budget is that
// ceiling's requests per minute times `BENCH_COST_PER_REQUEST` (default 200: the costliest scenario, the
// whole-catalog pods table, is estimated at about 110) with `BENCH_RATE_LIMIT_HEADROOM` (default 1.5) on
// top, rounded up to 10,000, at most the 100,000,000 the configuration accepts. Any 429 fails the run,
// so an underestimate shows.
const HEADROOM = Number(env.BENCH_RATE_LIMIT_HEADROOM ?? 1.5);
const COST_PER_REQUEST = Number(env.BENCH_COST_PER_REQUEST ?? 200);

function serviceEnv(dbUrl, rateLimit) {
  return { DATABASE_URL: dbUrl, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: String(rateLimit) };
}

function check(id, r, phase) {
  if (r.errors || r.timeouts || r.unexpected || r.graphqlErrors) {
    throw new Error(
      `${id} fails in ${phase}: ${JSON.stringify({ errors: r.errors, timeouts: r.timeouts, statusCodes: r.statusCodes, graphqlErrors: r.graphqlErrors })}` +
        (r.rateLimited ? ' (429: raise BENCH_RATE_LIMIT_HEADROOM)' : ''),
    );
  }
}

async function httpSection(dbUrl) {
  log('http: starting raw node:http, Fastify, Apollo on Fastify, Mercurius, Yoga, Nest with Apollo');
  const servers = {};
  const used = new Set(['raw', ...SCENARIOS.map((s) => s.server)]);
  for (const [name, p] of Object.entries(PEERS)) {
    if (!used.has(name)) continue;
    servers[name] = await startService({ name: `peer-${name}`, script: p.script, readyPath: p.readyPath });
    cleanups.push(() => servers[name].stop());
  }
  // Twice: the first run also warms the raw server's JIT.
  await load({ url: servers.raw.url + '/', method: 'GET' }, { connections: CONF.connections, duration: CONF.warmup });
  const ceiling = await load({ url: servers.raw.url + '/', method: 'GET' }, { connections: CONF.connections, duration: CONF.warmup });
  // At most the configuration's own ceiling (100,000,000 units a minute).
  const rateLimit = Math.min(100_000_000, Math.ceil((ceiling.rps * 60 * COST_PER_REQUEST * HEADROOM) / 10_000) * 10_000);
  log(
    `http: raw ceiling ${Math.round(ceiling.rps)} req/s in warm-up; the service's rate limit raised from ${DEFAULT_RATE_LIMIT} to ${rateLimit} cost units a minute (x${COST_PER_REQUEST} units a request, x${HEADROOM})`,
  );
  servers.service = await startService({ name: 'service', env: serviceEnv(dbUrl, rateLimit) });
  cleanups.push(() => servers.service.stop());
  const ctx = await probeService(servers.service.url);
  log(
    `http: ${ctx.names.length} instance types; REST ETag ${ctx.conditional.rest.available ? 'yes' : 'no'}, GraphQL GET ETag ${ctx.conditional.graphqlGet.available ? 'yes' : 'no'}; pods table REST ${ctx.podTable.rest.available ? 'yes' : 'no'}, GraphQL ${ctx.podTable.graphql.available ? 'yes' : 'no'}`,
  );

  const target = (s) => targetFor(s, servers[s.server].url, ctx);
  for (const s of SCENARIOS) {
    const r = await load(target(s), { connections: CONF.connections, duration: CONF.warmup, countGraphqlErrors: true });
    check(s.id, r, 'warm-up');
  }
  const rounds = [];
  for (let round = 0; round < CONF.rounds; round++) {
    const figures = {};
    for (const s of SCENARIOS) {
      const r = await load(target(s), { connections: CONF.connections, duration: CONF.duration });
      check(s.id, r, `round ${round + 1}`);
      figures[s.id] = r;
      log(`http round ${round + 1}/${CONF.rounds} ${s.id}: ${Math.round(r.rps)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms`);
    }
    rounds.push(figures);
  }
  const podTable = await podTableTiming(servers.service.url, ctx);
  const rss = { service: servers.service.rss() };
  for (const name of Object.keys(servers).reverse()) await servers[name].stop();
  const { names, ...probe } = ctx;
  return {
    rounds,
    rss,
    rateLimit: {
      default: DEFAULT_RATE_LIMIT,
      used: rateLimit,
      headroom: HEADROOM,
      costPerRequest: COST_PER_REQUEST,
      ceilingRps: ceiling.rps,
    },
    probe: { ...probe, instanceTypes: names.length },
    podTable,
  };
}

// ---- The whole-catalog pods table: time to answer and size, one request at a time -------------
const TABLE_REQUESTS = Number(env.BENCH_TABLE_REQUESTS ?? 20);

async function podTableTiming(url, ctx) {
  const out = {};
  for (const door of ['rest', 'graphql']) {
    if (!ctx.podTable[door].available) {
      out[door] = { available: false, reason: ctx.podTable[door].reason };
      continue;
    }
    const r = POD_TABLE[door];
    const ms = [];
    const serverMs = [];
    let bytes = 0;
    for (let i = 0; i < TABLE_REQUESTS; i++) {
      const t0 = performance.now();
      const res = await fetch(url + r.path, { method: r.method, headers: r.headers, body: r.body });
      const body = Buffer.from(await res.arrayBuffer());
      ms.push(performance.now() - t0);
      bytes = body.length;
      // Server-Timing (`app;dur=12.3`) when the service sends it; otherwise the loopback round trip.
      const st = /dur=([\d.]+)/.exec(res.headers.get('server-timing') ?? '');
      if (st) serverMs.push(Number(st[1]));
      if (res.status !== 200) throw new Error(`pods table (${door}) answered ${res.status}`);
    }
    out[door] = {
      available: true,
      requests: TABLE_REQUESTS,
      firstMs: ms[0],
      medianMs: median(ms.slice(1)),
      maxMs: Math.max(...ms.slice(1)),
      serverMedianMs: serverMs.length ? median(serverMs) : null,
      bytes,
    };
    log(`pods table ${door}: first ${Math.round(ms[0])} ms, median ${median(ms.slice(1)).toFixed(1)} ms, ${bytes} bytes`);
  }
  return out;
}

// ---- CPU profiles of the service under one scenario's load ------------------------------------
const PROFILED = (env.BENCH_PROFILES ?? 'svc-bare,svc-nodeCapacity-varied,svc-rest-repeat,svc-graphql-get-repeat,svc-gql-sizing').split(
  ',',
);

async function profileSection(dbUrl, rateLimit) {
  const out = {};
  for (const id of PROFILED) {
    const s = HTTP_SCENARIOS.find((x) => x.id === id);
    if (!s) throw new Error(`BENCH_PROFILES: no scenario ${id}`);
    const dir = join(TMP, 'prof', id);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const svc = await startService({
      name: `service-prof-${id}`,
      nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir],
      env: serviceEnv(dbUrl, rateLimit),
    });
    const ctx = await probeService(svc.url);
    await load(targetFor(s, svc.url, ctx), { connections: CONF.connections, duration: CONF.warmup });
    const startUs = Number(process.hrtime.bigint() / 1000n);
    const r = await load(targetFor(s, svc.url, ctx), { connections: CONF.connections, duration: CONF.duration });
    const endUs = Number(process.hrtime.bigint() / 1000n);
    await svc.stop();
    writeFileSync(join(dir, 'window.json'), JSON.stringify({ startUs, endUs }));
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no CPU profile written for ${id}`);
    out[id] = {
      label: s.label,
      rps: r.rps,
      summary: summariseCpuProfile(join(dir, file), { root: ROOT, top: 25, window: { startUs, endUs } }),
    };
    log(`profile ${id}: ${Math.round(r.rps)} req/s under --cpu-prof`);
  }
  return out;
}

// ---- 60 seconds at 50 connections over a mix, default settings ---------------------------------
async function soakSection(dbUrl, rateLimit) {
  const svc = await startService({ name: 'service-soak', env: serviceEnv(dbUrl, rateLimit) });
  cleanups.push(() => svc.stop());
  const target = { url: svc.url, requests: SOAK_MIX };
  const rssAfterReady = svc.rss();
  await load(target, { connections: CONF.soakConnections, duration: CONF.soakWarmupSeconds });
  await sleep(500);
  const heapUsed = async () => {
    const text = await (await fetch(`${svc.url}/metrics`)).text();
    const m = /^eks_net_planner_nodejs_heap_size_used_bytes (\S+)$/m.exec(text);
    return m ? Number(m[1]) : NaN;
  };
  const rssStart = svc.rss();
  const heapStart = await heapUsed();
  const samples = [];
  const timer = setInterval(() => samples.push(svc.rss()), 1000);
  log(`soak: ${CONF.soakSeconds} s at ${CONF.soakConnections} connections over ${SOAK_MIX.length} requests`);
  const r = await load(target, { connections: CONF.soakConnections, duration: CONF.soakSeconds, countGraphqlErrors: true });
  clearInterval(timer);
  const rssEnd = svc.rss();
  const heapEnd = await heapUsed();
  await sleep(5000);
  const rssIdle = svc.rss();
  const heapIdle = await heapUsed();
  await svc.stop();
  return {
    ...r,
    rateLimit,
    mix: SOAK_MIX.length,
    warmupSeconds: CONF.soakWarmupSeconds,
    rssAfterReady,
    rssStart,
    rssEnd,
    rssIdle,
    rssMax: Math.max(...samples, rssEnd),
    rssSamples: samples,
    heapStart,
    heapEnd,
    heapIdle,
  };
}

// ---- 4. Start to ready and RSS, in child processes ---------------------------------------------
// What `npm start` and the image run: the compiled service, dist/src/main.js;
// BENCH_STARTUP_SCRIPT=<file> measures another entry point.
const STARTUP_SCRIPT = env.BENCH_STARTUP_SCRIPT ?? 'dist/src/main.js';

async function startupSection() {
  if (!existsSync(join(ROOT, STARTUP_SCRIPT))) throw new Error(`${STARTUP_SCRIPT} is missing: run \`npm run bench\` (it builds first)`);
  const embeddedExisting = mkdtempSync(join(TMP, 'embedded-existing-'));
  cleanups.push(async () => rmSync(embeddedExisting, { recursive: true, force: true }));
  const pgExisting = `${DB}_startup`;
  const pgExistingUrl = await createDatabase(pgExisting);
  cleanups.push(() => dropDatabase(pgExisting));
  // Prepare the "existing" ones: a first start migrates and loads the bundled catalog.
  for (const e of [{ DATA_DIR: embeddedExisting }, { DATABASE_URL: pgExistingUrl }]) {
    const svc = await startService({ name: 'service-startup-prepare', script: STARTUP_SCRIPT, env: e });
    await svc.stop();
  }
  const kinds = ['postgres-existing', 'postgres-fresh', 'embedded-existing', 'embedded-fresh'];
  const runs = Object.fromEntries(kinds.map((k) => [k, []]));
  for (let round = 0; round < CONF.startupRounds; round++) {
    for (const kind of kinds) {
      let envFor;
      let after = async () => {};
      if (kind === 'postgres-existing') envFor = { DATABASE_URL: pgExistingUrl };
      if (kind === 'embedded-existing') envFor = { DATA_DIR: embeddedExisting };
      if (kind === 'postgres-fresh') {
        const name = `${DB}_fresh${round}`;
        envFor = { DATABASE_URL: await createDatabase(name) };
        after = () => dropDatabase(name);
      }
      if (kind === 'embedded-fresh') {
        const dir = mkdtempSync(join(TMP, 'embedded-fresh-'));
        envFor = { DATA_DIR: dir };
        after = async () => rmSync(dir, { recursive: true, force: true });
      }
      const svc = await startService({ name: `service-startup-${kind}`, script: STARTUP_SCRIPT, env: envFor });
      const rssReady = svc.rss();
      await sleep(1000);
      const rssSettled = svc.rss();
      await svc.stop();
      await after();
      runs[kind].push({ readyMs: svc.readyMs, rssReady, rssSettled });
      log(`startup round ${round + 1} ${kind}: ready in ${Math.round(svc.readyMs)} ms, RSS ${Math.round(rssReady / 1048576)} MiB`);
    }
  }
  return runs;
}

// ---- 2 and 3. In-process: sizing ranking; refresh vs the SDK alone ------------------------------
function spawnLines(args, childEnv, onLine) {
  const child = spawn(process.execPath, args, { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  createInterface({ input: child.stdout }).on('line', onLine);
  const done = new Promise((res, rej) =>
    child.once('exit', (code) => (code === 0 ? res() : rej(new Error(`${args.join(' ')} exited ${code}`)))),
  );
  return { child, done };
}

async function inProcessSection() {
  let ec2Url;
  const fake = spawnLines(['bench/fake-ec2-server.mjs'], { PATH: env.PATH, HOME: env.HOME }, (line) => (ec2Url ??= line.trim()));
  cleanups.push(async () => {
    fake.child.kill('SIGTERM');
  });
  fake.done.catch(() => {});
  for (let i = 0; !ec2Url; i++) {
    if (i > 1200) throw new Error('the local EC2 endpoint did not start');
    await sleep(50);
  }
  const name = `${DB}_refresh`;
  const url = await createDatabase(name);
  cleanups.push(() => dropDatabase(name));
  let result;
  const child = spawnLines(
    ['bench/in-process.mjs'],
    {
      PATH: env.PATH,
      HOME: env.HOME,
      NODE_ENV: 'production',
      DATABASE_URL: url,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_PER_MINUTE: '0',
      BENCH_ROUNDS: String(CONF.rounds),
      AWS_ENDPOINT_URL_EC2: ec2Url,
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: 'AKIDBENCHMARK',
      AWS_SECRET_ACCESS_KEY: 'bench-secret',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      // The refresh is compared with the EC2 reads alone: without this it also read the Price List
      // API, at its real endpoint (no AWS_ENDPOINT_URL_PRICING here), and the failed read's time
      // was counted as the database's.
      CATALOG_PRICE_LIST: 'false',
    },
    (line) => {
      if (line.startsWith('{')) result = JSON.parse(line);
    },
  );
  await child.done;
  fake.child.kill('SIGTERM');
  await dropDatabase(name);
  return result;
}

function render(results) {
  const analysisFile = join(ROOT, 'bench', 'ANALYSIS.md');
  const analysis = existsSync(analysisFile) ? readFileSync(analysisFile, 'utf8') : '';
  writeFileSync(OUTPUT, renderResults(results, analysis));
}

async function main() {
  if (env.BENCH_RENDER_ONLY) {
    // Re-renders the output from its run's figures (bench/.tmp/results.json for RESULTS.md), e.g. after editing ANALYSIS.md.
    render(JSON.parse(readFileSync(FIGURES, 'utf8')));
    return;
  }
  preflight();
  mkdirSync(TMP, { recursive: true });
  const started = Date.now();
  // `npm run bench` builds first, and the build's own CPU shows in the 1-minute load average: wait (up
  // to BENCH_SETTLE_SECONDS, default 120) for it to fall under the smoke-run threshold before starting.
  const settleBy = Date.now() + Number(env.BENCH_SETTLE_SECONDS ?? 120) * 1000;
  while (loadavg()[0] >= SMOKE_LOAD && Date.now() < settleBy) {
    log(`load average ${loadavg()[0].toFixed(2)}: waiting for it to fall under ${SMOKE_LOAD}`);
    await sleep(10_000);
  }
  const machine = machineInfo();
  log(`machine: ${machine.cpuModel}, ${machine.cores} cores, load ${machine.loadAverage}; sections: ${[...SECTIONS].join(', ')}`);
  const dbUrl = await createDatabase(DB);
  cleanups.push(() => dropDatabase(DB));
  const results = { conf: CONF, machine, sections: [...SECTIONS], scenarios: env.BENCH_SCENARIOS ?? null };
  try {
    if (SECTIONS.has('http')) results.http = await httpSection(dbUrl);
    // Without the HTTP section's ceiling, the most the configuration accepts.
    const rateLimit = results.http?.rateLimit.used ?? Number(env.BENCH_RATE_LIMIT ?? 100_000_000);
    if (SECTIONS.has('profile')) results.profiles = await profileSection(dbUrl, rateLimit);
    if (SECTIONS.has('soak')) results.soak = await soakSection(dbUrl, rateLimit);
    if (SECTIONS.has('startup')) {
      results.startup = await startupSection();
      results.startupScript = STARTUP_SCRIPT;
    }
    if (SECTIONS.has('inprocess')) results.inProcess = await inProcessSection();
  } finally {
    await cleanup();
  }
  results.machine.loadAverageAtEnd = machineInfo().loadAverage;
  results.totalSeconds = (Date.now() - started) / 1000;
  writeFileSync(FIGURES, JSON.stringify(results, null, 2));
  render(results);
  log(`done in ${Math.round(results.totalSeconds)} s: ${OUTPUT}`);
}

main().catch(async (err) => {
  log(`failed: ${err.stack ?? err}`);
  await cleanup();
  process.exit(1);
});
