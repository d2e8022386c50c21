import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { CapacityController } from './capacity.controller.js';
import { CapacityResolver } from './capacity.resolver.js';
import { CapacityService } from './capacity.service.js';

/**
 * Capacity answers over GraphQL (nodeCapacity, compareModes, subnetUsage, sizeNodeGroups,
 * windowsServicesCheck) and REST (/api/v1/capacity/...), around the pure core in ./core.
 */
@Module({
  imports: [CatalogModule],
  providers: [CapacityService, CapacityResolver],
  controllers: [CapacityController],
  exports: [CapacityService],
})
export class CapacityModule {}
