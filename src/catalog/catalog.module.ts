import { Module } from '@nestjs/common';
import { CatalogController } from './catalog.controller.js';
import { CatalogRefreshService, REFRESH_METRICS } from './catalog-refresh.service.js';
import { CatalogRepository } from './catalog.repository.js';
import { CatalogResolver } from './catalog.resolver.js';
import { CatalogService } from './catalog.service.js';
import { CatalogViewService } from './catalog-view.service.js';
import { PriceViewService } from './price-view.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { BundledSource } from './bundled-source.js';
import { CATALOG_SOURCES, type CatalogSource } from './catalog-source.js';
import { Ec2Source } from './ec2/ec2-source.js';

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
    Ec2Source,
    BundledSource,
    {
      provide: CATALOG_SOURCES,
      useFactory: (...sources: CatalogSource[]) => sources,
      inject: [Ec2Source, BundledSource],
    },
  ],
  controllers: [CatalogController],
  exports: [CatalogRepository, CatalogViewService, CatalogService, CatalogRefreshService, MetricsService, PriceViewService],
})
export class CatalogModule {}
