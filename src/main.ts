import { ConfigError, loadConfig } from './config/app-config.js';
import { DataDirectoryInUseError, EmbeddedPostgres } from './database/embedded-postgres.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // The embedded database boots (WebAssembly compile, PostgreSQL start) on its worker thread while
  // this thread loads the service's modules; createApp's EmbeddedPostgres.start takes it over.
  if (!config.databaseUrl) EmbeddedPostgres.startEarly(config.dataDir);
  const [{ Logger }, { createApp }] = await Promise.all([import('@nestjs/common'), import('./app.factory.js')]);
  const logger = new Logger('Main');
  if (!config.databaseUrl) logger.log(`No DATABASE_URL: using the embedded database in ${config.dataDir}`);
  const running = await createApp(config);
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

main().catch(async (err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirectoryInUseError) {
    console.error(`eks-net-planner cannot start: ${err.message}`);
  } else {
    console.error('eks-net-planner failed to start:', err);
  }
  // Release the data directory if the service failed before it took over its database.
  await EmbeddedPostgres.discardEarlyStarts();
  process.exit(1);
});
