import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog/catalog.module.js';
import { DiagnosisController } from './diagnosis.controller.js';
import { DiagnosisResolver } from './diagnosis.resolver.js';
import { DiagnosisService } from './diagnosis.service.js';

/** diagnose (GraphQL) and POST /api/v1/diagnoses (REST) around the pure core in ./core. */
@Module({
  imports: [CatalogModule],
  providers: [DiagnosisService, DiagnosisResolver],
  controllers: [DiagnosisController],
})
export class DiagnosisModule {}
