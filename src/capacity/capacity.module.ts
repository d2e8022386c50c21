import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { CapacityController } from './capacity.controller.js';
import { CapacityResolver } from './capacity.resolver.js';
import { CapacityService } from './capacity.service.js';
import { PodCapacityTableController } from './pod-capacity-table.controller.js';
import { PodCapacityTableResolver } from './pod-capacity-table.resolver.js';
import { PodCapacityTableService } from './pod-capacity-table.service.js';

/**
 * Capacity answers over GraphQL (nodeCapacity, compareModes, subnetUsage, sizeNodeGroups,
 * windowsServicesCheck, podCapacityTable) and REST (/api/v1/capacity/...), around the pure core in ./core.
 */
@Module({
  imports: [CatalogModule],
  providers: [CapacityService, CapacityResolver, PodCapacityTableService, PodCapacityTableResolver],
  controllers: [CapacityController, PodCapacityTableController],
  exports: [CapacityService],
})
export class CapacityModule {}
