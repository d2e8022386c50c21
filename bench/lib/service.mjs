import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { rssOf } from './machine.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const TMP = join(ROOT, 'bench', '.tmp');

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/**
 * The environment every service child gets: nothing inherited that could change what is measured,
 * and otherwise the service's defaults (LOG_LEVEL=info, the default rate limit); a caller that needs
 * a higher rate limit passes RATE_LIMIT_PER_MINUTE and says so in the results.
 */
function serviceEnv(extra) {
  const keep = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'TZ'];
  const env = {};
  for (const k of keep) if (process.env[k] !== undefined) env[k] = process.env[k];
  return {
    ...env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    ...extra,
  };
}

/**
 * Starts `node dist/src/main.js` (or `script`) in a child process and waits until /health/ready
 * answers 200 (or, for scripts without it, until `readyPath` does). Logs go to a file under bench/.tmp.
 */
export async function startService({
  env = {},
  nodeArgs,
  name,
  script = 'dist/src/main.js',
  readyPath = '/health/ready',
  timeoutMs = 120_000,
}) {
  const port = await freePort();
  const logFile = join(TMP, `${name}.log`);
  const fd = openSync(logFile, 'w');
  const started = performance.now();
  // The service runs with the flags of `npm start` and the image (a bounded V8 heap); peers with none.
  const args = nodeArgs ?? (script === 'dist/src/main.js' ? ['--max-old-space-size=256'] : []);
  const child = spawn(process.execPath, [...args, script], {
    cwd: ROOT,
    env: serviceEnv({ PORT: String(port), ...env }),
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  let exit = null;
  const exited = new Promise((r) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      r(exit);
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (exit) throw new Error(`${name} exited (${JSON.stringify(exit)}) before it was ready:\n${tail(logFile)}`);
    if (performance.now() - started > timeoutMs) {
      child.kill('SIGKILL');
      throw new Error(`${name} not ready after ${timeoutMs} ms:\n${tail(logFile)}`);
    }
    try {
      const res = await fetch(url + readyPath, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    await sleep(20);
  }
  const readyMs = performance.now() - started;
  return {
    name,
    url,
    port,
    pid: child.pid,
    readyMs,
    logFile,
    rss: () => rssOf(child.pid),
    async stop(signal = 'SIGTERM', graceMs = 20_000) {
      if (exit) return exit;
      child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

export function tail(file, lines = 30) {
  try {
    return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
