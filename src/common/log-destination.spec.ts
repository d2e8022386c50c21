import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogDestination, droppedLogLines, LOG_BUFFER_BYTES, logDestination } from './log-destination.js';

describe('the log destination', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  /** Ends the stream once what it holds is written (sonic-boom closes the file on the way). */
  function ended(stream: ReturnType<typeof createLogDestination>): Promise<void> {
    return new Promise((resolve) => {
      stream.once('close', () => resolve());
      stream.end();
    });
  }

  function fileFd(): { fd: number; path: string } {
    const dir = mkdtempSync(join(tmpdir(), 'planner-log-'));
    dirs.push(dir);
    const path = join(dir, 'out.log');
    return { fd: openSync(path, 'w'), path };
  }

  it('holds what arrives while a write is in flight up to its bound, then drops whole lines and counts them', async () => {
    const { fd, path } = fileFd();
    const stream = createLogDestination(fd, 1000);
    const logger = pino({ base: null, timestamp: false }, stream);
    const before = droppedLogLines();
    // One synchronous burst: the first line's write is in flight (in the thread pool) until this
    // function returns, so every later line is held; lines are {"level":30,"n":NN,"msg":"m"} (~40 bytes).
    for (let n = 10; n < 99; n++) logger.info({ n }, 'm');
    const lineBytes = Buffer.byteLength(`${JSON.stringify({ level: 30, n: 10, msg: 'm' })}\n`);
    const kept = Math.floor(1000 / lineBytes);
    expect(droppedLogLines() - before).toBe(89 - kept);
    await ended(stream);
    const written = readFileSync(path, 'utf8').trim().split('\n');
    expect(written).toHaveLength(kept);
    // The lines kept are the first ones, whole and in order.
    expect(written.map((l) => JSON.parse(l).n)).toEqual(Array.from({ length: kept }, (_, i) => 10 + i));
  });

  it('drops nothing while the bound is not reached, and the service bounds standard output at 16 MiB', async () => {
    const { fd, path } = fileFd();
    const stream = createLogDestination(fd, LOG_BUFFER_BYTES);
    const logger = pino({ base: null, timestamp: false }, stream);
    const before = droppedLogLines();
    for (let n = 0; n < 5000; n++) logger.info({ n }, 'm');
    await ended(stream);
    expect(droppedLogLines()).toBe(before);
    expect(readFileSync(path, 'utf8').trim().split('\n')).toHaveLength(5000);
    expect(LOG_BUFFER_BYTES).toBe(16 * 1024 * 1024);
    expect(logDestination()).toBe(logDestination());
  });
});
