// `npm run bench`: every benchmark in one run, the compared things alternating round by round in
// this one process (medians reported), then bench/RESULTS.md with the machine and every figure.
//
// Env knobs (defaults are the committed run's): BENCH_ROUNDS=3, BENCH_DURATION=5 (s per autocannon
// round), BENCH_CONNECTIONS=10, BENCH_SOAK_SECONDS=60, BENCH_SOAK_CONNECTIONS=50,
// BENCH_ONLY=http,profile,soak,startup,inprocess (a subset), BENCH_OUTPUT=bench/RESULTS.md,
// BENCH_PROFILES=gql-bare,... (scenarios profiled), BENCH_RENDER_ONLY=1 (re-render the last run's figures),
// BENCH_POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres (a role that may CREATE DATABASE).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { summariseCpuProfile } from './lib/cpu-profile.mjs';
import { createDatabase, dropDatabase } from './lib/db.mjs';
import { load } from './lib/load.mjs';
import { machineInfo } from './lib/machine.mjs';
import { ROOT, TMP, startService } from './lib/service.mjs';
import { renderResults } from './report.mjs';
import { HTTP_SCENARIOS, SOAK_MIX } from './scenarios.mjs';

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
const OUTPUT = env.BENCH_OUTPUT ?? join(ROOT, 'bench', 'RESULTS.md');
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

// ---- 1. HTTP throughput, alternating, against each scenario's bare baseline ---------------------
async function httpSection(dbUrl) {
  log('http: starting the raw node:http server and the service (LOG_LEVEL=warn, then info)');
  const hello = await startService({ name: 'hello', script: 'bench/hello-server.mjs', readyPath: '/' });
  cleanups.push(() => hello.stop());
  const warn = await startService({ name: 'service-warn', env: { DATABASE_URL: dbUrl, LOG_LEVEL: 'warn' } });
  cleanups.push(() => warn.stop());
  const info = await startService({ name: 'service-info', env: { DATABASE_URL: dbUrl, LOG_LEVEL: 'info' } });
  cleanups.push(() => info.stop());
  const services = { hello, warn, info };

  const target = (s) => ({ url: services[s.service].url + s.request.path, ...s.request });
  for (const s of HTTP_SCENARIOS) {
    const r = await load(target(s), { connections: CONF.connections, duration: CONF.warmup, countGraphqlErrors: true });
    if (r.non2xx || r.errors || r.graphqlErrors) throw new Error(`${s.id} fails in warm-up: ${JSON.stringify(r)}`);
  }
  const rounds = [];
  for (let round = 0; round < CONF.rounds; round++) {
    const figures = {};
    for (const s of HTTP_SCENARIOS) {
      figures[s.id] = await load(target(s), { connections: CONF.connections, duration: CONF.duration });
      log(`http round ${round + 1}/${CONF.rounds} ${s.id}: ${Math.round(figures[s.id].rps)} req/s, p50 ${figures[s.id].p50} ms, p99 ${figures[s.id].p99} ms`);
    }
    rounds.push(figures);
  }
  const rss = { warn: warn.rss(), info: info.rss() };
  await info.stop();
  await warn.stop();
  await hello.stop();
  return { rounds, rss };
}

// ---- CPU profiles of the service under one scenario's load ------------------------------------
const PROFILED = (env.BENCH_PROFILES ?? 'gql-bare,gql-nodeCapacity,rest-capacity,gql-sizing,gql-instanceTypes100').split(',');

async function profileSection(dbUrl) {
  const out = {};
  for (const id of PROFILED) {
    const s = HTTP_SCENARIOS.find((x) => x.id === id);
    const dir = join(TMP, 'prof', id);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const svc = await startService({
      name: `service-prof-${id}`,
      nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir],
      env: { DATABASE_URL: dbUrl, LOG_LEVEL: s.service === 'info' ? 'info' : 'warn' },
    });
    const t = { url: svc.url + s.request.path, ...s.request };
    await load(t, { connections: CONF.connections, duration: CONF.warmup });
    const startUs = Number(process.hrtime.bigint() / 1000n);
    const r = await load(t, { connections: CONF.connections, duration: CONF.duration });
    const endUs = Number(process.hrtime.bigint() / 1000n);
    await svc.stop();
    writeFileSync(join(dir, 'window.json'), JSON.stringify({ startUs, endUs }));
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`no CPU profile written for ${id}`);
    out[id] = { label: s.label, rps: r.rps, summary: summariseCpuProfile(join(dir, file), { root: ROOT, top: 25, window: { startUs, endUs } }) };
    log(`profile ${id}: ${Math.round(r.rps)} req/s under --cpu-prof`);
  }
  return out;
}

// ---- 5. 60 seconds at 50 connections over a mix ------------------------------------------------
async function soakSection(dbUrl) {
  const svc = await startService({ name: 'service-soak', env: { DATABASE_URL: dbUrl, LOG_LEVEL: 'warn' } });
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
  return { ...r, mix: SOAK_MIX.length, warmupSeconds: CONF.soakWarmupSeconds, rssAfterReady, rssStart, rssEnd, rssIdle, rssMax: Math.max(...samples, rssEnd), rssSamples: samples, heapStart, heapEnd, heapIdle };
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
  const done = new Promise((res, rej) => child.once('exit', (code) => (code === 0 ? res() : rej(new Error(`${args.join(' ')} exited ${code}`)))));
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
    // Re-renders RESULTS.md from the last run's figures (bench/.tmp/results.json), e.g. after editing ANALYSIS.md.
    render(JSON.parse(readFileSync(join(TMP, 'results.json'), 'utf8')));
    return;
  }
  preflight();
  mkdirSync(TMP, { recursive: true });
  const started = Date.now();
  const machine = machineInfo();
  log(`machine: ${machine.cpuModel}, ${machine.cores} cores, load ${machine.loadAverage}; sections: ${[...SECTIONS].join(', ')}`);
  const dbUrl = await createDatabase(DB);
  cleanups.push(() => dropDatabase(DB));
  const results = { conf: CONF, machine, sections: [...SECTIONS] };
  try {
    if (SECTIONS.has('http')) results.http = await httpSection(dbUrl);
    if (SECTIONS.has('profile')) results.profiles = await profileSection(dbUrl);
    if (SECTIONS.has('soak')) results.soak = await soakSection(dbUrl);
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
  writeFileSync(join(TMP, 'results.json'), JSON.stringify(results, null, 2));
  render(results);
  log(`done in ${Math.round(results.totalSeconds)} s: ${OUTPUT}`);
}

main().catch(async (err) => {
  log(`failed: ${err.stack ?? err}`);
  await cleanup();
  process.exit(1);
});

