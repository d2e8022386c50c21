// A/B of two builds of the service on one HTTP scenario, alternating rounds in one process:
//   node bench/ab.mjs <main.js of A> <main.js of B> <scenario id> [rounds] [seconds]
// e.g. cp -r dist bench/.tmp/dist-before; (change, npm run build);
//      node bench/ab.mjs bench/.tmp/dist-before/src/main.js dist/src/main.js svc-nodeCapacity-varied
//      node bench/ab.mjs <A main.js> <B main.js> startup [rounds]   (start to ready)
// Only the service's scenarios (server: 'service'); both builds run at the service's defaults with
// the rate limit raised to BENCH_RATE_LIMIT (default 3,000,000 a minute).
// BENCH_AB_ENV_A / BENCH_AB_ENV_B (JSON objects) add environment variables to one side, e.g. the
// same build twice with BENCH_AB_ENV_B='{"LOG_LEVEL":"warn"}' prices the info log line.
// BENCH_AB_RATE=<req/s> offers that fixed load instead and compares the CPU each side used per
// answered request (user + system, all threads, from /proc): on a host whose other tenants take CPU
// time at random, that varies far less than the throughput of a saturated service does.
import { probeService, targetFor } from './lib/context.mjs';
import { createDatabase, dropDatabase } from './lib/db.mjs';
import { load } from './lib/load.mjs';
import { cpuTimeOf } from './lib/machine.mjs';
import { startService } from './lib/service.mjs';
import { median } from './lib/stats.mjs';
import { HTTP_SCENARIOS } from './scenarios.mjs';

const [a, b, id, roundsArg, secondsArg] = process.argv.slice(2);
if (id === 'startup') {
  // node bench/ab.mjs <A> <B> startup [rounds]: start to ready on an existing PostgreSQL database,
  // alternating A and B (each build's first start, which also fills caches, is reported apart).
  const db = `planner_bench_${process.pid}`;
  const url = await createDatabase(db);
  const ready = { A: [], B: [] };
  const first = {};
  try {
    await (await startService({ name: 'ab-startup-prepare', script: a, env: { DATABASE_URL: url } })).stop();
    const rounds = Number(roundsArg ?? 5);
    for (let r = -1; r < rounds; r++) {
      for (const [name, script] of r % 2
        ? [
            ['B', b],
            ['A', a],
          ]
        : [
            ['A', a],
            ['B', b],
          ]) {
        const svc = await startService({ name: `ab-startup-${name}`, script, env: { DATABASE_URL: url } });
        await svc.stop();
        if (r < 0) first[name] = svc.readyMs;
        else ready[name].push(svc.readyMs);
      }
    }
  } finally {
    await dropDatabase(db);
  }
  const ratios = ready.A.map((x, i) => ready.B[i] / x);
  console.log(
    `startup (existing PostgreSQL): first start A ${Math.round(first.A)} ms, B ${Math.round(first.B)} ms; then A ${Math.round(median(ready.A))} ms, ` +
      `B ${Math.round(median(ready.B))} ms (medians); B/A per round ${ratios.map((x) => x.toFixed(2)).join(' ')}, median ${median(ratios).toFixed(2)}`,
  );
  process.exit(0);
}
const rounds = Number(roundsArg ?? 5);
const seconds = Number(secondsArg ?? 5);
const scenarios = id.split(',').map(
  (x) =>
    HTTP_SCENARIOS.find((s) => s.id === x && s.server === 'service') ??
    (() => {
      throw new Error(`no service scenario ${x}`);
    })(),
);
const rateLimit = process.env.BENCH_RATE_LIMIT ?? '3000000';
const fixedRate = process.env.BENCH_AB_RATE ? Number(process.env.BENCH_AB_RATE) : undefined;
const extraEnv = { A: JSON.parse(process.env.BENCH_AB_ENV_A ?? '{}'), B: JSON.parse(process.env.BENCH_AB_ENV_B ?? '{}') };
const db = `planner_bench_${process.pid}`;
const url = await createDatabase(db);
const services = [];
try {
  for (const [name, script] of [
    ['A', a],
    ['B', b],
  ]) {
    const svc = await startService({
      name: `ab-${name}`,
      script,
      env: { DATABASE_URL: url, LOG_LEVEL: 'info', RATE_LIMIT_PER_MINUTE: rateLimit, ...extraEnv[name] },
    });
    services.push({ name, svc, ctx: await probeService(svc.url) });
  }
  for (const s of scenarios) {
    const rps = { A: [], B: [] };
    const p99 = { A: [], B: [] };
    const cpuUs = { A: [], B: [] };
    for (const { svc, ctx } of services) await load(targetFor(s, svc.url, ctx), { duration: 2, overallRate: fixedRate });
    for (let r = 0; r < rounds; r++) {
      for (const { name, svc, ctx } of r % 2 ? [...services].reverse() : services) {
        const before = fixedRate ? cpuTimeOf(svc.pid) : null;
        const x = await load(targetFor(s, svc.url, ctx), { duration: seconds, overallRate: fixedRate });
        if (x.unexpected || x.errors) throw new Error(`${name} failed: ${JSON.stringify(x)}`);
        rps[name].push(x.rps);
        p99[name].push(x.p99);
        if (before) {
          const after = cpuTimeOf(svc.pid);
          cpuUs[name].push((after.userUs - before.userUs + after.systemUs - before.systemUs) / x.total);
        }
      }
    }
    if (fixedRate) {
      const ratios = cpuUs.A.map((x, i) => cpuUs.B[i] / x);
      console.log(
        `${s.id} at ${fixedRate} req/s offered: CPU per request A ${median(cpuUs.A).toFixed(1)} us (answered ${Math.round(median(rps.A))} req/s), ` +
          `B ${median(cpuUs.B).toFixed(1)} us (${Math.round(median(rps.B))} req/s); B/A per round ${ratios.map((x) => x.toFixed(2)).join(' ')}, median ${median(ratios).toFixed(2)}`,
      );
      continue;
    }
    const ratios = rps.A.map((x, i) => rps.B[i] / x);
    console.log(
      `${s.id}: A ${Math.round(median(rps.A))} req/s (p99 ${median(p99.A)} ms), B ${Math.round(median(rps.B))} req/s (p99 ${median(p99.B)} ms); ` +
        `B/A per round ${ratios.map((x) => x.toFixed(2)).join(' ')}, median ${median(ratios).toFixed(2)}`,
    );
  }
} finally {
  for (const { svc } of services) await svc.stop();
  await dropDatabase(db);
}
