import { pino } from 'pino';

/**
 * Where the service's JSON log lines go: standard output, through sonic-boom without waiting (what
 * pino does by default: its default destination is a sonic-boom on fd 1 with `sync` unset, lines
 * written by libuv's thread pool, those that arrive while a write is in flight going out in the next
 * one), and with a bound on what is held.
 *
 * pino's default holds lines without limit: a standard output that stops taking them (a log
 * collector that stalls, a full pipe) made the buffer grow until the process ran out of memory,
 * every line and the service with it. Beyond LOG_BUFFER_BYTES, new lines are dropped and counted
 * instead (eks_net_planner_log_lines_dropped_total on /metrics), and the service answers on.
 *
 * On exit (process.exit, the SIGTERM/SIGINT shutdown, an uncaught exception) what is buffered is
 * written synchronously before the process ends: pino registers sonic-boom's flushSync for `exit`
 * (pino lib/tools.js buildSafeSonicBoom). A process killed outright (SIGKILL, the kernel's OOM
 * killer) loses what was still buffered.
 */
export const LOG_BUFFER_BYTES = 16 * 1024 * 1024;

let dropped = 0;
let shared: ReturnType<typeof pino.destination> | undefined;

/** Log lines dropped since the process started because the buffer was full. */
export function droppedLogLines(): number {
  return dropped;
}

/** An asynchronous destination on `fd` that drops (and counts) lines beyond `maxLength` buffered bytes. */
export function createLogDestination(fd: number, maxLength: number): ReturnType<typeof pino.destination> {
  const stream = pino.destination({ dest: fd, sync: false, maxLength });
  // sonic-boom refuses one write at a time, and pino writes one line at a time.
  stream.on('drop', () => {
    dropped++;
  });
  return stream;
}

/** The process's one log destination, standard output (every application instance in the process shares it). */
export function logDestination(): ReturnType<typeof pino.destination> {
  return (shared ??= createLogDestination(1, LOG_BUFFER_BYTES));
}
