// Renders bench/RESULTS.md from one run's figures (also kept as bench/.tmp/results.json).
import { HTTP_SCENARIOS } from './scenarios.mjs';
import { fmt, median, mib, pct } from './lib/stats.mjs';

const GOALS = {
  capacityVsBaseline: 0.8,
  graphqlVsRaw: 0.15,
  sizingMs: 10,
  refreshAdded: 0.5,
  soakRssGrowth: 0.1,
  embeddedExistingReadyMs: 3000,
};

function verdict(ok) {
  return ok === null || ok === undefined ? 'not measured' : ok ? '**met**' : '**missed**';
}

export function httpSummary(http) {
  const rows = [];
  for (const s of HTTP_SCENARIOS) {
    const per = http.rounds.map((r) => r[s.id]).filter(Boolean);
    if (per.length === 0) continue;
    const ratios = s.baseline ? http.rounds.filter((r) => r[s.id] && r[s.baseline]).map((r) => r[s.id].rps / r[s.baseline].rps) : [];
    rows.push({
      ...s,
      rps: median(per.map((x) => x.rps)),
      rpsRounds: per.map((x) => x.rps),
      p50: median(per.map((x) => x.p50)),
      p99: median(per.map((x) => x.p99)),
      failures: per.reduce((n, x) => n + x.errors + x.timeouts + x.non2xx, 0),
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
  L.push(`Written by \`npm run bench\` (bench/run.mjs) on ${m.date.slice(0, 10)} at ${m.date.slice(11, 16)} UTC; run took ${fmt(res.totalSeconds / 60, 1)} min.`, '');
  L.push('| machine | |', '|---|---|');
  L.push(`| CPU | ${m.cpuModel} |`);
  L.push(`| cores | ${m.cores}${m.cgroupCpus ? ` (cgroup limit ${m.cgroupCpus})` : ''} |`);
  L.push(`| memory | ${mib(m.memoryBytes)} |`);
  L.push(`| OS | ${m.platform} |`);
  L.push(`| Node.js | ${m.node} (V8 ${m.v8}) |`);
  L.push(`| load average (1/5/15 min) at start, at end | ${m.loadAverage}; ${m.loadAverageAtEnd ?? 'n/a'} |`);
  L.push('');
  L.push(
    `Settings: ${res.conf.rounds} rounds, alternating; autocannon ${res.conf.connections} connections, ${res.conf.duration} s per scenario per round ` +
      `(after a ${res.conf.warmup} s warm-up of each), pipelining 1, loopback. The service runs as \`node dist/src/main.js\` in its own process ` +
      `with NODE_ENV=production, RATE_LIMIT_PER_MINUTE=0 (no rate limit), LOG_LEVEL=warn unless the row says info (logs to a file), on PostgreSQL at 127.0.0.1. ` +
      'Every figure is the median over the rounds; a ratio is the median of the per-round ratios (a scenario and its baseline ran back to back in the same round).',
    '',
  );

  if (res.http) {
    const rows = httpSummary(res.http);
    L.push('## 1. HTTP throughput and latency', '');
    L.push('| scenario | req/s (median) | req/s per round | p50 ms | p99 ms | vs baseline | baseline | failed requests |', '|---|---:|---|---:|---:|---:|---|---:|');
    for (const r of rows) {
      L.push(
        `| ${r.label} | ${fmt(r.rps)} | ${r.rpsRounds.map((x) => fmt(x)).join(', ')} | ${fmt(r.p50, 1)} | ${fmt(r.p99, 1)} | ${r.ratio === null ? '' : pct(r.ratio, 1)} | ${r.baseline ?? ''} | ${r.failures} |`,
      );
    }
    L.push('', `RSS after the throughput rounds: service (warn) ${mib(res.http.rss.warn)}, service (info) ${mib(res.http.rss.info)}.`, '');
    const by = Object.fromEntries(rows.map((r) => [r.id, r]));
    for (const r of rows.filter((x) => x.goal)) {
      goals.push({
        goal: `${r.label} at >= 80% of ${r.baseline}`,
        measured: pct(r.ratio, 1),
        ok: r.ratio >= GOALS.capacityVsBaseline,
        gap: r.ratio >= GOALS.capacityVsBaseline ? '' : `${fmt(100 * (GOALS.capacityVsBaseline - r.ratio), 1)} points short`,
      });
    }
    if (by['gql-bare']) {
      const g = by['gql-bare'];
      goals.push({
        goal: 'bare GraphQL round trip at >= 15% of raw node:http',
        measured: `${pct(g.ratio, 1)} (LOG_LEVEL=info: ${by['gql-bare@info'] ? pct(by['gql-bare@info'].ratio, 1) : 'n/a'})`,
        ok: g.ratio >= GOALS.graphqlVsRaw,
        gap: g.ratio >= GOALS.graphqlVsRaw ? '' : `${fmt(100 * (GOALS.graphqlVsRaw - g.ratio), 1)} points short (needs ${fmt(GOALS.graphqlVsRaw / g.ratio, 2)}x)`,
      });
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

  if (res.inProcess?.refresh?.runs) {
    const f = res.inProcess.refresh;
    const sdk = median(f.runs.sdkOnly);
    const steady = median(f.runs.refreshUnchanged);
    const full = median(f.runs.refreshAllRowsWritten);
    L.push('## 3. Catalog refresh into PostgreSQL vs the SDK alone', '');
    L.push(
      `Local EC2 endpoint (test/support/fake-ec2, own process) serving ${f.types} types and ${f.regions} regions of offerings; ${f.ec2Requests} EC2 calls per fetch, ` +
        'concurrency and retries as configured by default. Same process, alternating, after one warm-up of each ' +
        `(the first refresh after the bundled snapshot took ${fmt(f.firstRefresh.ms)} ms).`,
      '',
    );
    L.push('| run | median ms | per round ms | added over SDK alone |', '|---|---:|---|---:|');
    L.push(`| SDK alone (Ec2CatalogSource.fetchCatalog) | ${fmt(sdk)} | ${f.runs.sdkOnly.map((x) => fmt(x)).join(', ')} | |`);
    L.push(`| refresh, catalog unchanged (diff, touch last_seen, run record) | ${fmt(steady)} | ${f.runs.refreshUnchanged.map((x) => fmt(x)).join(', ')} | ${pct(steady / sdk - 1, 1)} |`);
    L.push(`| refresh into an empty table (every row written) | ${fmt(full)} | ${f.runs.refreshAllRowsWritten.map((x) => fmt(x)).join(', ')} | ${pct(full / sdk - 1, 1)} |`);
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
        '(the embedded database runs inside it; a PostgreSQL server\'s own memory is not counted). Fresh: new database / empty DATA_DIR ' +
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
    const ee = median(res.startup['embedded-existing'].map((r) => r.readyMs));
    goals.push({
      goal: 'start to ready under 3 s on an existing embedded data directory',
      measured: `${fmt(ee)} ms`,
      ok: ee < GOALS.embeddedExistingReadyMs,
      gap: ee < GOALS.embeddedExistingReadyMs ? '' : `${fmt(ee - GOALS.embeddedExistingReadyMs)} ms over`,
    });
  }

  if (res.soak) {
    const s = res.soak;
    const failures = s.errors + s.timeouts + s.non2xx + s.graphqlErrors;
    const growth = s.rssEnd / s.rssStart - 1;
    L.push(`## 5. ${res.conf.soakSeconds}-second load at ${res.conf.soakConnections} connections`, '');
    L.push(
      `A mix of ${s.mix} requests cycled per connection (GraphQL nodeCapacity x2, instanceTypes(first: 100), sizeNodeGroups, \`{ __typename }\`; REST capacity, compare, sizing, ` +
        `an instance type, a filtered page), LOG_LEVEL=warn, after a ${s.warmupSeconds ?? 5} s warm-up at the same load ` +
        '(V8 grows its heap lazily under a new load; the measured minute starts once it has settled).',
      '',
    );
    L.push('| figure | value |', '|---|---:|');
    L.push(`| requests | ${fmt(s.total)} (${fmt(s.rps)} req/s) |`);
    L.push(`| latency p50 / p99 / max | ${fmt(s.p50, 1)} / ${fmt(s.p99, 1)} / ${fmt(s.max, 1)} ms |`);
    L.push(`| errors / timeouts / non-2xx / GraphQL errors | ${s.errors} / ${s.timeouts} / ${s.non2xx} / ${s.graphqlErrors} |`);
    L.push(`| RSS after ready, at start, at end, peak, 5 s after | ${mib(s.rssAfterReady)}, ${mib(s.rssStart)}, ${mib(s.rssEnd)}, ${mib(s.rssMax)}, ${mib(s.rssIdle)} |`);
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
        '(start-up and warm-up excluded); self time as a share of the busy (non-idle) samples. ' +
        'Profiling slows the service; the shares are what matters.',
      '',
    );
    for (const [id, p] of Object.entries(res.profiles)) {
      const s = p.summary;
      L.push(`### ${p.label} (${fmt(p.rps)} req/s while profiled; busy ${fmt(s.busyMs)} ms of ${fmt(s.totalMs)} ms sampled, GC ${pct(s.gcMs / s.busyMs, 1)})`, '');
      L.push('| module | self % |', '|---|---:|');
      for (const x of s.modules.slice(0, 15)) L.push(`| ${x.module} | ${x.pct.toFixed(1)} |`);
      L.push('');
      L.push('| function | where | self % |', '|---|---|---:|');
      for (const x of s.functions.slice(0, 15)) L.push(`| ${x.name.replace(/\|/g, '\\|')} | ${x.where} | ${x.pct.toFixed(1)} |`);
      L.push('');
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
