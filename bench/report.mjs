// Renders bench/RESULTS.md from one run's figures (also kept as bench/.tmp/results.json).
import { HTTP_SCENARIOS } from './scenarios.mjs';
import { fmt, median, mib, pct } from './lib/stats.mjs';

const GOALS = {
  sizingMs: 10,
  refreshAdded: 0.5,
  soakRssGrowth: 0.1,
  tableMs: 50,
  tableBytes: 1.5e6,
  postgresExistingReadyMs: 2000,
  embeddedExistingReadyMs: 3000,
  embeddedFreshReadyMs: 8000,
  postgresRssBytes: 200 * 2 ** 20,
  embeddedRssBytes: 350 * 2 ** 20,
};

function verdict(ok) {
  if (ok === 'n/a') return 'not available in this build';
  return ok === null || ok === undefined ? 'not measured' : ok ? '**met**' : '**missed**';
}

/** A 1-minute load average at or above this at the start marks a smoke run (other work on the machine). */
export const SMOKE_LOAD = 1.5;
/** The largest spread of the raw node:http ceiling between rounds (fastest / slowest) of a run to judge by. */
const CEILING_SPREAD = 1.5;

/** A run too short or on too busy a machine to judge by (to be re-run on a quiet one). */
export function smokeReasons(res) {
  const c = res.conf;
  const why = [];
  if (c.rounds < 3 || c.duration < 5) why.push(`${c.rounds} round(s) of ${c.duration} s (the default is 3 of 5 s)`);
  if (res.sections.includes('soak') && c.soakSeconds < 60) why.push(`a ${c.soakSeconds} s load instead of 60 s`);
  if (res.scenarios) why.push(`only the scenarios ${res.scenarios} (BENCH_SCENARIOS)`);
  const load1 = Number(String(res.machine.loadAverage).split('/')[0]);
  if (load1 >= SMOKE_LOAD) why.push(`load average ${load1.toFixed(2)} at the start (other work on the machine)`);
  // The same constant server answering at very different rates in different rounds: something else took
  // the CPU during the run, whatever the load average said when it started.
  const ceiling = (res.http?.rounds ?? []).map((r) => r.raw?.rps).filter((x) => x > 0);
  if (ceiling.length > 1 && Math.max(...ceiling) / Math.min(...ceiling) > CEILING_SPREAD) {
    why.push(
      `raw node:http answered ${fmt(Math.min(...ceiling))} to ${fmt(Math.max(...ceiling))} req/s in different rounds (more than ${CEILING_SPREAD}x apart: other work on the machine during the run)`,
    );
  }
  return why;
}

function ratiosOf(http, id, baseline) {
  return http.rounds.filter((r) => r[id] && r[baseline]).map((r) => r[id].rps / r[baseline].rps);
}

export function httpSummary(http) {
  const rows = [];
  for (const s of HTTP_SCENARIOS) {
    const per = http.rounds.map((r) => r[s.id]).filter(Boolean);
    if (per.length === 0) continue;
    const ratios = s.baseline ? ratiosOf(http, s.id, s.baseline) : [];
    const statuses = {};
    for (const x of per) for (const [k, v] of Object.entries(x.statusCodes ?? {})) statuses[k] = (statuses[k] ?? 0) + v;
    rows.push({
      ...s,
      rps: median(per.map((x) => x.rps)),
      rpsRounds: per.map((x) => x.rps),
      p50: median(per.map((x) => x.p50)),
      p99: median(per.map((x) => x.p99)),
      bytes: median(per.map((x) => x.bytesPerRequest)),
      statuses,
      failures: per.reduce((n, x) => n + x.errors + x.timeouts + (x.unexpected ?? x.non2xx), 0),
      vsRaw: median(ratiosOf(http, s.id, 'raw')),
      ratio: s.baseline ? median(ratios) : null,
      ratioRounds: ratios,
    });
  }
  return rows;
}

export function renderResults(res, analysis) {
  const m = res.machine;
  const L = [];
  const goals = [];
  L.push('# Benchmark results', '');
  const smoke = smokeReasons(res);
  if (smoke.length) {
    L.push(
      `> **Smoke run: do not judge the goals by these figures.** ${smoke.join('; ')}. ` +
        `Re-run \`npm run bench\` with the defaults on a quiet machine (load average under ${SMOKE_LOAD}).`,
      '',
    );
  }
  L.push(
    `Written by \`npm run bench\` (bench/run.mjs) on ${m.date.slice(0, 10)} at ${m.date.slice(11, 16)} UTC; run took ${fmt(res.totalSeconds / 60, 1)} min; sections: ${res.sections.join(', ')}.`,
    '',
  );
  L.push('| machine | |', '|---|---|');
  L.push(`| CPU | ${m.cpuModel} |`);
  L.push(`| cores | ${m.cores}${m.cgroupCpus ? ` (cgroup limit ${m.cgroupCpus})` : ''} |`);
  L.push(`| memory | ${mib(m.memoryBytes)} |`);
  L.push(`| OS | ${m.platform} |`);
  L.push(`| Node.js | ${m.node} (V8 ${m.v8}) |`);
  L.push(`| load average (1/5/15 min) at start, at end | ${m.loadAverage}; ${m.loadAverageAtEnd ?? 'n/a'} |`);
  L.push('');
  const rl = res.http?.rateLimit;
  L.push(
    `Settings: ${res.conf.rounds} rounds, alternating; autocannon ${res.conf.connections} connections, ${res.conf.duration} s per scenario per round ` +
      `(after a ${res.conf.warmup} s warm-up of each), pipelining 1, loopback. The service runs as users run it: \`node --max-old-space-size=256 dist/src/main.js\` ` +
      '(what `npm start` runs after `npm run build`, and what the image runs) in its own process, NODE_ENV=production, on PostgreSQL at 127.0.0.1, ' +
      'with its default settings (LOG_LEVEL=info, logs to a file) except the per-client rate limit, ' +
      (rl
        ? `raised from ${fmt(rl.default)} to ${fmt(rl.used)} cost units a minute (${fmt(rl.used / rl.default)}x): the raw node:http ceiling measured in this run (${fmt(rl.ceilingRps)} req/s) x 60 x ${rl.costPerRequest ?? 1} cost units a request x ${rl.headroom}, as no server here answers faster; every answer was checked, none was a 429. `
        : 'raised as far as the load needs. ') +
      "Each peer (bench/hello-server.mjs, bench/peers/*.mjs) is its own process with the service's own schema (contracts/schema.gql) and constant resolvers. " +
      'Every figure is the median over the rounds; a ratio is the median of the per-round ratios (a scenario and its baseline ran in the same round).',
    '',
  );

  if (res.http) {
    const rows = httpSummary(res.http);
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    const probe = res.http.probe ?? { conditional: {}, podTable: {} };
    L.push('## 1. HTTP throughput and latency: the peers and the service in one run', '');
    L.push(
      `Varied inputs: every request asks \`nodeCapacity\` for another of the catalog's ${probe.instanceTypes ?? 'n/a'} instance types, OS/IP mode and kubeletMaxPods ` +
        '(bench/scenarios.mjs `variedNodeCapacity`: no input repeats within about 1.3 million requests). ' +
        `HTTP cache: REST ${probe.conditional.rest?.available ? `sends ETags (\`Cache-Control: ${probe.conditional.rest.cacheControl ?? 'none'}\`); the repeated GETs send If-None-Match and get 304` : `not available in this build (${probe.conditional.rest?.reason ?? 'n/a'}): the repeated GETs get 200 with the whole answer`}; ` +
        `GraphQL GET ${probe.conditional.graphqlGet?.available ? 'sends ETags, repeated GETs get 304' : `not available in this build (${probe.conditional.graphqlGet?.reason ?? 'n/a'})`}.`,
      '',
    );
    L.push(
      '| scenario | req/s (median) | req/s per round | p50 ms | p99 ms | vs raw node:http | vs baseline | bytes/response (headers included) | statuses | failed |',
      '|---|---:|---|---:|---:|---:|---|---:|---|---:|',
    );
    for (const r of rows) {
      L.push(
        `| ${r.label} | ${fmt(r.rps)} | ${r.rpsRounds.map((x) => fmt(x)).join(', ')} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.id === 'raw' ? '' : pct(r.vsRaw, 1)} | ${r.ratio === null || r.baseline === 'raw' ? '' : `${pct(r.ratio, 1)} of ${r.baseline}`} | ${fmt(r.bytes)} | ${Object.entries(
          r.statuses,
        )
          .map(([k, v]) => `${k}: ${fmt(v)}`)
          .join(', ')} | ${r.failures} |`,
      );
    }
    L.push('', `RSS of the service after the throughput rounds: ${mib(res.http.rss.service)}.`, '');
    for (const r of rows.filter((x) => x.goal)) {
      const c = r.conditional ? probe.conditional[r.conditional] : null;
      const na = r.conditional && !c?.available;
      const ok = na ? 'n/a' : r.ratio >= r.goal;
      goals.push({
        goal: `${r.label}${r.conditional ? ' (If-None-Match, 304 from the HTTP cache)' : ''} at >= ${pct(r.goal)} of ${r.baseline}`,
        measured: na ? `no HTTP cache (${c?.reason ?? 'n/a'}); the plain repeated GET: ${pct(r.ratio, 1)}` : pct(r.ratio, 1),
        ok,
        gap: ok === true || na ? '' : `${fmt(100 * (r.goal - r.ratio), 1)} points short (needs ${fmt(r.goal / r.ratio, 2)}x)`,
      });
    }
    for (const r of rows.filter((x) => x.p99Goal)) {
      goals.push({
        goal: `${r.label}: p99 under ${r.p99Goal} ms at ${res.conf.connections} connections`,
        measured: `p99 ${fmt(r.p99, 1)} ms (p50 ${fmt(r.p50, 1)} ms)`,
        ok: r.p99 < r.p99Goal,
        gap: r.p99 < r.p99Goal ? '' : `${fmt(r.p99 - r.p99Goal, 1)} ms over`,
      });
    }
    if (by['apollo-bare'] && by['svc-bare']) {
      L.push(
        `Against plain Apollo on Fastify in this run: the service's \`{ __typename }\` ${pct(median(ratiosOf(res.http, 'svc-bare', 'apollo-bare')), 1)}, ` +
          `\`nodeCapacity\` with varied inputs ${pct(median(ratiosOf(res.http, 'svc-nodeCapacity-varied', 'apollo-bare')), 1)} ` +
          `(Apollo's own constant \`nodeCapacity\` with the same varied inputs: ${pct(median(ratiosOf(res.http, 'apollo-capacity', 'apollo-bare')), 1)}); ` +
          `one input repeated ${pct(median(ratiosOf(res.http, 'svc-nodeCapacity-same', 'apollo-bare')), 1)}.`,
        '',
      );
    }
    if (by['apollo-bare'] && by['nest-bare'] && by['nest-capacity'] && by['svc-nodeCapacity-varied']) {
      // The stack the design card fixes (Nest, @nestjs/graphql, Apollo) with nothing of the service's own.
      L.push(
        `Against the same stack with nothing of the service (NestJS + @nestjs/apollo on Fastify, the service's schema, a constant resolver class): ` +
          `its \`{ __typename }\` is ${pct(median(ratiosOf(res.http, 'nest-bare', 'apollo-bare')), 1)} of plain Apollo's, its constant \`nodeCapacity\` with the varied inputs ` +
          `${pct(median(ratiosOf(res.http, 'nest-capacity', 'apollo-bare')), 1)}; the service's varied \`nodeCapacity\` is ` +
          `${pct(median(ratiosOf(res.http, 'svc-nodeCapacity-varied', 'nest-capacity')), 1)} of that constant Nest resolver.`,
        '',
      );
    }
    if (by['nest-304'] && by['svc-rest-repeat']) {
      L.push(
        `A revalidation answered 304 on arrival by Nest on Fastify with nothing else (no log line, metrics, rate limit or request tag): ` +
          `${pct(by['nest-304'].vsRaw, 1)} of raw node:http; the service's REST 304 is ${pct(median(ratiosOf(res.http, 'svc-rest-repeat', 'nest-304')), 1)} of it.`,
        '',
      );
    }

    const t = res.http.podTable;
    L.push('## Whole-catalog pods table', '');
    if (t) {
      L.push(
        `GraphQL \`podCapacityTable\` and REST \`GET /api/v1/capacity\` (all types, both OSes, both modes), ${t.rest?.requests ?? t.graphql?.requests ?? 'when available: BENCH_TABLE_REQUESTS'} requests one at a time; ` +
          "time is the service's own (Server-Timing) when it sends one, else the loopback round trip (an upper bound on the service's time).",
        '',
      );
      L.push(
        '| door | available | first request ms | median ms (after the first) | max ms | Server-Timing median ms | JSON bytes |',
        '|---|---|---:|---:|---:|---:|---:|',
      );
      for (const door of ['graphql', 'rest']) {
        const x = t[door];
        if (!x?.available) {
          L.push(`| ${door} | not available in this build (${(x?.reason ?? 'n/a').replace(/\|/g, '\\|').slice(0, 100)}) | | | | | |`);
          goals.push({
            goal: `pods table (${door}) under ${GOALS.tableMs} ms in the service and under 1.5 MB`,
            measured: 'not available in this build',
            ok: 'n/a',
            gap: '',
          });
          continue;
        }
        L.push(
          `| ${door} | yes | ${fmt(x.firstMs, 1)} | ${fmt(x.medianMs, 1)} | ${fmt(x.maxMs, 1)} | ${x.serverMedianMs === null ? 'not sent' : fmt(x.serverMedianMs, 1)} | ${fmt(x.bytes)} |`,
        );
        const ms = x.serverMedianMs ?? x.medianMs;
        const ok = ms < GOALS.tableMs && x.bytes < GOALS.tableBytes;
        goals.push({
          goal: `pods table (${door}) under ${GOALS.tableMs} ms in the service and under 1.5 MB`,
          measured: `${fmt(ms, 1)} ms${x.serverMedianMs === null ? ' (round trip)' : ''}, ${fmt(x.bytes / 1e6, 2)} MB (first request ${fmt(x.firstMs, 1)} ms)`,
          ok,
          gap: ok
            ? ''
            : [
                ms >= GOALS.tableMs ? `${fmt(ms - GOALS.tableMs, 1)} ms over` : '',
                x.bytes >= GOALS.tableBytes ? `${fmt((x.bytes - GOALS.tableBytes) / 1e6, 2)} MB over` : '',
              ]
                .filter(Boolean)
                .join('; '),
        });
      }
      L.push('');
    }
  }

  if (res.inProcess?.sizing) {
    const s = res.inProcess.sizing;
    L.push('## 2. Whole-catalog sizing ranking, in-process (no HTTP)', '');
    L.push(
      `${s.catalogTypes} instance types, both IP modes, a Windows and a Linux workload (400 + 600 pods with CPU and memory requests), best ${s.options / 2} per OS kept.`,
      '',
    );
    L.push('| call | calls | median ms | p99 ms | min ms |', '|---|---:|---:|---:|---:|');
    const names = {
      service: 'CapacityService.sizeNodeGroups (what GraphQL and REST run), a new input each call',
      serviceRepeat: 'the same, repeating one input (answered from its cache)',
      core: 'core sizeNodeGroups on the catalog array',
      coreNewCatalog: 'core on a new catalog (first call after a refresh, nothing cached)',
    };
    for (const k of ['service', 'serviceRepeat', 'core', 'coreNewCatalog']) {
      const x = s[k];
      if (x) L.push(`| ${names[k]} | ${x.calls} | ${fmt(x.medianMs, 2)} | ${fmt(x.p99Ms, 2)} | ${fmt(x.minMs, 2)} |`);
    }
    L.push('');
    goals.push({
      goal: 'whole-catalog ranking under 10 ms in-process',
      measured: `${fmt(s.service.medianMs, 2)} ms median (p99 ${fmt(s.service.p99Ms, 2)} ms; new catalog ${fmt(s.coreNewCatalog.medianMs, 2)} ms)`,
      ok: s.service.medianMs < GOALS.sizingMs,
      gap: s.service.medianMs < GOALS.sizingMs ? '' : `${fmt(s.service.medianMs - GOALS.sizingMs, 2)} ms over`,
    });
  }

  if (res.inProcess?.validation) {
    L.push('## Validating an input the service has not seen, in-process', '');
    L.push(
      "The service's validation pipe (the precheck of each class's rules, then class-validator only for an input they refuse) against Nest's " +
        'ValidationPipe with the same options (class-transformer, then class-validator), a new valid input each call, alternating in 5 rounds.',
      '',
    );
    L.push(
      '| input class | calls each | service pipe µs (median) | Nest ValidationPipe µs (median) | service / Nest (median of rounds) |',
      '|---|---:|---:|---:|---:|',
    );
    for (const [cls, v] of Object.entries(res.inProcess.validation)) {
      L.push(`| ${cls} | ${v.calls.toLocaleString('en-US')} | ${fmt(v.serviceUs, 1)} | ${fmt(v.nestUs, 1)} | ${fmt(v.ratio * 100, 1)}% |`);
    }
    L.push('');
  }

  if (res.inProcess?.refresh?.runs) {
    const f = res.inProcess.refresh;
    const sdk = median(f.runs.sdkOnly);
    const steady = median(f.runs.refreshUnchanged);
    const full = median(f.runs.refreshAllRowsWritten);
    L.push('## 3. Catalog refresh into PostgreSQL vs the SDK alone', '');
    L.push(
      `Local EC2 endpoint (test/support/fake-ec2, own process) serving ${f.types} types and ${f.regions} regions of offerings; ${f.ec2Requests} EC2 calls per fetch, ` +
        'concurrency and retries as configured by default; the Price List read is off (CATALOG_PRICE_LIST=false), so both sides read ' +
        'the same from AWS. Same process, alternating, after one warm-up of each ' +
        `(the first refresh after the bundled snapshot took ${fmt(f.firstRefresh.ms)} ms).`,
      '',
    );
    L.push('| run | median ms | per round ms | added over SDK alone |', '|---|---:|---|---:|');
    L.push(`| SDK alone (Ec2CatalogSource.fetchCatalog) | ${fmt(sdk)} | ${f.runs.sdkOnly.map((x) => fmt(x)).join(', ')} | |`);
    L.push(
      `| refresh, catalog unchanged (diff, touch last_seen, run record) | ${fmt(steady)} | ${f.runs.refreshUnchanged.map((x) => fmt(x)).join(', ')} | ${pct(steady / sdk - 1, 1)} |`,
    );
    L.push(
      `| refresh into an empty table (every row written) | ${fmt(full)} | ${f.runs.refreshAllRowsWritten.map((x) => fmt(x)).join(', ')} | ${pct(full / sdk - 1, 1)} |`,
    );
    L.push('');
    const worst = Math.max(steady, full) / sdk - 1;
    goals.push({
      goal: 'the database adds at most 50% to an SDK-only refresh',
      measured: `+${pct(steady / sdk - 1, 1)} unchanged, +${pct(full / sdk - 1, 1)} all rows written`,
      ok: worst <= GOALS.refreshAdded,
      gap: worst <= GOALS.refreshAdded ? '' : `${fmt(100 * (worst - GOALS.refreshAdded), 1)} points over`,
    });
  }

  if (res.startup) {
    L.push('## 4. Start to ready and RSS', '');
    L.push(
      `Spawn of \`node ${res.startupScript ?? 'dist/src/main.js'}\` to the first 200 from /health/ready` +
        ' (polled every 20 ms); RSS of the service process when ready and 1 s later ' +
        "(the embedded database runs inside it; a PostgreSQL server's own memory is not counted). Fresh: new database / empty DATA_DIR " +
        '(migrations and the bundled catalog load); existing: already migrated and loaded.',
      '',
    );
    L.push('| database | ready ms (median) | per round ms | RSS when ready | RSS 1 s later |', '|---|---:|---|---:|---:|');
    for (const [kind, runs] of Object.entries(res.startup)) {
      L.push(
        `| ${kind} | ${fmt(median(runs.map((r) => r.readyMs)))} | ${runs.map((r) => fmt(r.readyMs)).join(', ')} | ${mib(median(runs.map((r) => r.rssReady)))} | ${mib(median(runs.map((r) => r.rssSettled)))} |`,
      );
    }
    L.push('');
    const med = (kind, key) => (res.startup[kind] ? median(res.startup[kind].map((r) => r[key])) : NaN);
    const timeGoal = (kind, limit, what) => {
      const v = med(kind, 'readyMs');
      goals.push({
        goal: `start to ready under ${fmt(limit / 1000)} s ${what}`,
        measured: `${fmt(v)} ms`,
        ok: Number.isFinite(v) ? v < limit : null,
        gap: v < limit ? '' : `${fmt(v - limit)} ms over`,
      });
    };
    const rssGoal = (kind, limit, what) => {
      const v = med(kind, 'rssReady');
      goals.push({
        goal: `RSS when ready under ${mib(limit)} ${what}`,
        measured: `${mib(v)} (1 s later ${mib(med(kind, 'rssSettled'))})`,
        ok: Number.isFinite(v) ? v < limit : null,
        gap: v < limit ? '' : `${mib(v - limit)} over`,
      });
    };
    timeGoal('postgres-existing', GOALS.postgresExistingReadyMs, 'on an existing PostgreSQL database');
    timeGoal('embedded-existing', GOALS.embeddedExistingReadyMs, 'on an existing embedded data directory');
    timeGoal('embedded-fresh', GOALS.embeddedFreshReadyMs, 'on a first embedded start (empty DATA_DIR)');
    rssGoal('postgres-existing', GOALS.postgresRssBytes, 'on PostgreSQL');
    rssGoal('embedded-existing', GOALS.embeddedRssBytes, 'on the embedded database (existing directory)');
  }

  if (res.soak) {
    const s = res.soak;
    const failures = s.errors + s.timeouts + s.non2xx + s.graphqlErrors;
    const rateLimited = s.statusCodes?.['429'] ?? 0;
    const growth = s.rssEnd / s.rssStart - 1;
    L.push(`## 5. ${res.conf.soakSeconds}-second load at ${res.conf.soakConnections} connections`, '');
    L.push(
      `A mix of ${s.mix} requests cycled per connection (GraphQL nodeCapacity x2, instanceTypes(first: 100), sizeNodeGroups, \`{ __typename }\`; REST capacity, compare, sizing, ` +
        `an instance type, a filtered page), the service's default settings (LOG_LEVEL=info; rate limit ${fmt(s.rateLimit)} a minute, as in section 1), after a ${s.warmupSeconds ?? 5} s warm-up at the same load ` +
        '(V8 grows its heap lazily under a new load; the measured minute starts once it has settled).',
      '',
    );
    L.push('| figure | value |', '|---|---:|');
    L.push(`| requests | ${fmt(s.total)} (${fmt(s.rps)} req/s) |`);
    L.push(`| latency p50 / p99 / max | ${fmt(s.p50, 1)} / ${fmt(s.p99, 1)} / ${fmt(s.max, 1)} ms |`);
    L.push(
      `| errors / timeouts / non-2xx (of which 429) / GraphQL errors | ${s.errors} / ${s.timeouts} / ${s.non2xx} (${rateLimited}) / ${s.graphqlErrors} |`,
    );
    L.push(
      `| RSS after ready, at start, at end, peak, 5 s after | ${mib(s.rssAfterReady)}, ${mib(s.rssStart)}, ${mib(s.rssEnd)}, ${mib(s.rssMax)}, ${mib(s.rssIdle)} |`,
    );
    L.push(`| V8 heap used at start, at end, 5 s after (from /metrics) | ${mib(s.heapStart)}, ${mib(s.heapEnd)}, ${mib(s.heapIdle)} |`);
    if (s.rssSamples?.length) {
      const every = Math.max(1, Math.round(s.rssSamples.length / 6));
      const marks = s.rssSamples.map((v, i) => [i + 1, v]).filter(([t]) => t % every === 0);
      L.push(`| RSS during the load (s: MiB) | ${marks.map(([t, v]) => `${t}: ${Math.round(v / 2 ** 20)}`).join(', ')} |`);
    }
    L.push(`| RSS growth start to end | ${pct(growth, 1)} |`);
    L.push('');
    goals.push({
      goal: `no errors and RSS growth under 10% over the ${res.conf.soakSeconds} s load`,
      measured: `${failures} failed, RSS ${pct(growth, 1)}, p99 ${fmt(s.p99, 1)} ms`,
      ok: failures === 0 && growth < GOALS.soakRssGrowth,
      gap: failures === 0 && growth < GOALS.soakRssGrowth ? '' : `${failures} failures; RSS growth ${pct(growth, 1)}`,
    });
  }

  if (res.profiles) {
    L.push('## Where the time goes: CPU profiles', '');
    L.push(
      'The service under `node --cpu-prof`, one scenario at a time, samples kept only from the measured load window ' +
        '(start-up and warm-up excluded); self time as a share of the busy (non-idle) samples, then the ' +
        "service's own functions and the packages' with everything they call (an async function's time after its first await is " +
        'counted where it resumes, so these are lower bounds). ' +
        'Profiling slows the service; the shares are what matters.',
      '',
    );
    for (const p of Object.values(res.profiles)) {
      const s = p.summary;
      L.push(
        `### ${p.label} (${fmt(p.rps)} req/s while profiled; busy ${fmt(s.busyMs)} ms of ${fmt(s.totalMs)} ms sampled, GC ${pct(s.gcMs / s.busyMs, 1)})`,
        '',
      );
      L.push('| module | self % |', '|---|---:|');
      for (const x of s.modules.slice(0, 15)) L.push(`| ${x.module} | ${x.pct.toFixed(1)} |`);
      L.push('');
      const functionTable = (heading, column, rows, n) => {
        if (!rows?.length) return;
        L.push(`| ${heading} | where | ${column} |`, '|---|---|---:|');
        for (const x of rows.slice(0, n)) L.push(`| ${x.name.replace(/\|/g, '\\|')} | ${x.where} | ${x.pct.toFixed(1)} |`);
        L.push('');
      };
      functionTable('function', 'self %', s.functions, 15);
      functionTable("the service's own function (with all it calls)", 'total %', s.serviceInclusive, 12);
      functionTable("a package's function (with all it calls)", 'total %', s.libraryInclusive, 15);
    }
  }

  const table = ['## Goals', '', '| goal | measured | verdict | by how much |', '|---|---|---|---|'];
  for (const g of goals) table.push(`| ${g.goal} | ${g.measured} | ${verdict(g.ok)} | ${g.gap} |`);
  table.push('');
  // Goals first after the machine, then the figures.
  const firstSection = L.findIndex((l) => l.startsWith('## '));
  L.splice(firstSection < 0 ? L.length : firstSection, 0, ...table);
  if (analysis.trim()) L.push(analysis.trim(), '');
  return L.join('\n');
}
