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
  // Inclusive time of the service's own functions: a sample counts for every function of the service
  // on its stack (once, however often the function recurses). Self time hides where a request's work
  // is started: a plugin that calls into graphql-js shows almost no self time of its own.
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  // The same for the packages the service calls into (the HTTP plumbing below them left out: it is on
  // every stack).
  const PLUMBING = /^(node:|\(|fastify$|find-my-way$|avvio$|@fastify\/|@nestjs\/platform-fastify$)/;
  const inclusive = new Map();
  const libraryInclusive = new Map();
  // Where each node's time counts (null: nowhere), worked out once per node, not once per sample.
  const frames = new Map();
  const frameOf = (id) => {
    if (frames.has(id)) return frames.get(id);
    const cf = byId.get(id).callFrame;
    const module = cf.url ? moduleOf(cf.url, root) : null;
    const into = !module ? null : module.startsWith('service:') ? inclusive : PLUMBING.test(module) ? null : libraryInclusive;
    const frame = into && { into, key: `${cf.functionName || '(anonymous)'}|${shortUrl(cf.url, root)}:${cf.lineNumber + 1}` };
    frames.set(id, frame);
    return frame;
  };
  for (const [id, us] of selfUs) {
    if (byId.get(id).callFrame.functionName === '(idle)') continue;
    const seen = new Set();
    for (let x = id; x !== undefined; x = parent.get(x)) {
      const frame = frameOf(x);
      if (!frame) continue;
      const { into, key } = frame;
      if (seen.has(key)) continue;
      seen.add(key);
      into.set(key, (into.get(key) ?? 0) + us);
    }
  }
  const ranked = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key, us]) => {
        const [name, where] = key.split('|');
        return { name, where, totalMs: us / 1000, pct: pct(us) };
      });
  return {
    totalMs: totalUs / 1000,
    idleMs: idleUs / 1000,
    busyMs: busyUs / 1000,
    gcMs: gcUs / 1000,
    functions: [...fn.values()]
      .sort((a, b) => b.us - a.us)
      .slice(0, top)
      .map((f) => ({ name: f.name, where: f.where, module: f.module, selfMs: f.us / 1000, pct: pct(f.us) })),
    serviceInclusive: ranked(inclusive),
    libraryInclusive: ranked(libraryInclusive),
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
