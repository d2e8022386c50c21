// Summarises a V8 .cpuprofile (node --cpu-prof): self time per function and per module.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

/** Where a function lives: a package under node_modules, the service's own code, or Node itself. */
export function moduleOf(url, root) {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return 'node:' + url.slice(5).split('/')[0];
  const path = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + '/node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  const rel = root ? relative(root, path) : path;
  // dist/src/capacity/core/x.js -> service: capacity/core
  const m = /^dist\/src\/(.+)\/[^/]+$/.exec(rel) ?? /^dist\/src\/([^/]+)$/.exec(rel);
  if (m) return `service: ${m[1]}`;
  return rel;
}

/**
 * @returns {{ totalMs: number, idleMs: number, gcMs: number, functions: Array<{name, where, module, selfMs, pct}>, modules: Array<{module, selfMs, pct}> }}
 */
export function summariseCpuProfile(file, { root, top = 20, window } = {}) {
  const profile = JSON.parse(readFileSync(file, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map();
  const deltas = profile.timeDeltas;
  // Sample timestamps are CLOCK_MONOTONIC microseconds, the clock of process.hrtime in any process
  // of the machine: `window` (from the bench's process.hrtime.bigint() / 1000n) keeps only the load.
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += deltas[i];
    if (window && (t < window.startUs || t > window.endUs)) continue;
    // A sample's time is the gap to the next one (V8's own convention).
    const dt = i + 1 < deltas.length ? deltas[i + 1] : 0;
    const id = profile.samples[i];
    selfUs.set(id, (selfUs.get(id) ?? 0) + Math.max(0, dt));
  }
  let totalUs = 0;
  let idleUs = 0;
  let gcUs = 0;
  const fn = new Map();
  const mod = new Map();
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    const cf = node.callFrame;
    totalUs += us;
    if (cf.functionName === '(idle)') {
      idleUs += us;
      continue;
    }
    if (cf.functionName === '(garbage collector)') gcUs += us;
    const module = cf.functionName.startsWith('(') ? cf.functionName : moduleOf(cf.url, root);
    const where = cf.url ? `${moduleOf(cf.url, root) === module ? '' : ''}${shortUrl(cf.url, root)}:${cf.lineNumber + 1}` : '';
    const key = `${cf.functionName || '(anonymous)'}|${where}`;
    const f = fn.get(key) ?? { name: cf.functionName || '(anonymous)', where, module, us: 0 };
    f.us += us;
    fn.set(key, f);
    mod.set(module, (mod.get(module) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  const pct = (us) => (busyUs > 0 ? (100 * us) / busyUs : 0);
  return {
    totalMs: totalUs / 1000,
    idleMs: idleUs / 1000,
    busyMs: busyUs / 1000,
    gcMs: gcUs / 1000,
    functions: [...fn.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, module: f.module, selfMs: f.us / 1000, pct: pct(f.us) })),
    modules: [...mod.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([module, us]) => ({ module, selfMs: us / 1000, pct: pct(us) })),
  };
}

function shortUrl(url, root) {
  if (url.startsWith('node:')) return url;
  const path = url.startsWith('file://') ? decodeURIComponent(new URL(url).pathname) : url;
  const nm = path.lastIndexOf('/node_modules/');
  if (nm >= 0) return path.slice(nm + '/node_modules/'.length);
  return root ? relative(root, path) : path;
}
