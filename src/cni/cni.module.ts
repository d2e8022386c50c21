import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { CniController } from './cni.controller.js';
import { CniResolver } from './cni.resolver.js';
import { CniService } from './cni.service.js';

/** CNI recommendations over GraphQL (recommendCni) and REST (POST /api/v1/cni/recommendations). */
@Module({
  imports: [CatalogModule],
  providers: [CniService, CniResolver],
  controllers: [CniController],
  exports: [CniService],
})
export class CniModule {}
