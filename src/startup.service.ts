import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { CatalogRefreshService } from './catalog/catalog-refresh.service.js';
import { CatalogService } from './catalog/catalog.service.js';
import { DatabaseStartupService } from './database/database-startup.service.js';

/**
 * What must happen before the service answers: the schema migrated, the bundled catalog
 * loaded into an empty database (once), the in-memory view filled, the schedule started.
 */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  private readonly logger = new Logger(StartupService.name);

  constructor(
    private readonly database: DatabaseStartupService,
    private readonly catalog: CatalogService,
    private readonly refreshes: CatalogRefreshService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.database.migrate(async () => {
      const abandoned = await this.refreshes.recoverAbandonedRuns();
      if (abandoned > 0) this.logger.warn(`Marked ${abandoned} interrupted refresh run(s) as FAILED`);
      await this.refreshes.loadBundledCatalogIfEmpty();
    });
    await this.catalog.reloadView();
    this.catalog.startFollowingOtherReplicas();
    this.refreshes.startSchedule();
  }
}
