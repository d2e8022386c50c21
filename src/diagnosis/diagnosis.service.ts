import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service.js';
import { diagnose } from './core/index.js';
import type { DiagnosisInputDto } from './diagnosis.inputs.js';
import { toDiagnosisModel, type Diagnosis } from './diagnosis.models.js';

/** Wraps the pure diagnosis core; instance types from the in-memory catalog. Nothing pasted is logged or kept. */
@Injectable()
export class DiagnosisService {
  constructor(private readonly catalog: CatalogService) {}

  diagnose(input: DiagnosisInputDto): Diagnosis {
    // GraphQL sends null for what was left out; the core treats a present key as given.
    const defined = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== null && v !== undefined));
    return toDiagnosisModel(diagnose(defined, { lookupInstanceType: (name) => this.catalog.requireFromView(name) }));
  }
}
