import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { TemplatesController, WindowsPolicyCheckController } from './policies.controller.js';
import { PoliciesResolver } from './policies.resolver.js';
import { PoliciesService } from './policies.service.js';

@Module({
  imports: [CatalogModule],
  providers: [PoliciesService, PoliciesResolver],
  controllers: [TemplatesController, WindowsPolicyCheckController],
})
export class PoliciesModule {}
