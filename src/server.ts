// Starts the service (loaded by main.ts once the compile cache is on).
import { Logger } from '@nestjs/common';
import { ConfigError, loadConfig } from './config/app-config.js';
import { DataDirectoryInUseError, EmbeddedPostgres } from './database/embedded-postgres.js';

/**
 * The embedded database boots while the rest of the service's modules load (app.factory.js and
 * everything it imports): PGlite's file reads and WebAssembly compilation overlap with the module
 * loading, and its 128 MiB of WebAssembly memory is taken while the JavaScript heap is still small
 * (V8 answers a large external allocation with a full, heap-shrinking collection).
 */
async function startApp(config: ReturnType<typeof loadConfig>) {
  const [embedded, factory] = await Promise.allSettled([EmbeddedPostgres.forConfig(config), import('./app.factory.js')]);
  if (embedded.status === 'rejected' || factory.status === 'rejected') {
    if (embedded.status === 'fulfilled') await embedded.value?.stop().catch(() => {});
    throw embedded.status === 'rejected' ? embedded.reason : (factory as PromiseRejectedResult).reason;
  }
  return factory.value.createApp(config, { embedded: embedded.value });
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = new Logger('Main');
  if (!config.databaseUrl) logger.log(`No DATABASE_URL: using the embedded database in ${config.dataDir}`);
  const running = await startApp(config);
  await running.app.listen(config.port, config.host);
  logger.log(`eks-net-planner listening on http://localhost:${config.port} (GraphQL /graphql, REST /api/v1, docs /api/docs)`);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: finishing in-flight requests and stopping`);
    await running.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirectoryInUseError) {
    console.error(`eks-net-planner cannot start: ${err.message}`);
  } else {
    console.error('eks-net-planner failed to start:', err);
  }
  process.exit(1);
});
