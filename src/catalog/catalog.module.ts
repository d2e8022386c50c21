import { Module } from '@nestjs/common';
import { CatalogController } from './catalog.controller.js';
import { CatalogRefreshService, REFRESH_METRICS } from './catalog-refresh.service.js';
import { CatalogRepository } from './catalog.repository.js';
import { CatalogResolver } from './catalog.resolver.js';
import { CatalogService } from './catalog.service.js';
import { CatalogViewService } from './catalog-view.service.js';
import { PriceViewService } from './price-view.service.js';
import { MetricsService } from '../metrics/metrics.service.js';

@Module({
  providers: [
    CatalogRepository,
    CatalogViewService,
    PriceViewService,
    CatalogService,
    CatalogRefreshService,
    CatalogResolver,
    MetricsService,
    { provide: REFRESH_METRICS, useExisting: MetricsService },
  ],
  controllers: [CatalogController],
  exports: [CatalogRepository, CatalogViewService, CatalogService, CatalogRefreshService, MetricsService, PriceViewService],
})
export class CatalogModule {}
