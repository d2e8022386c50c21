// Starts the service (loaded by main.ts once the compile cache is on).
import { Logger } from '@nestjs/common';
import { createApp } from './app.factory.js';
import { ConfigError, loadConfig } from './config/app-config.js';
import { DataDirectoryInUseError } from './database/embedded-postgres.js';

async function main(): Promise<void> {
  const config = loadConfig();
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

main().catch((err: unknown) => {
  if (err instanceof ConfigError || err instanceof DataDirectoryInUseError) {
    console.error(`eks-net-planner cannot start: ${err.message}`);
  } else {
    console.error('eks-net-planner failed to start:', err);
  }
  process.exit(1);
});
