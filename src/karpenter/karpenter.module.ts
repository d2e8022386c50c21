import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { KarpenterController } from './karpenter.controller.js';
import { KarpenterResolver } from './karpenter.resolver.js';
import { KarpenterService } from './karpenter.service.js';

/** planKarpenterWindows over GraphQL and POST /api/v1/karpenter/windows-plans, around the pure core in ./core. */
@Module({
  imports: [CatalogModule],
  providers: [KarpenterService, KarpenterResolver],
  controllers: [KarpenterController],
})
export class KarpenterModule {}
