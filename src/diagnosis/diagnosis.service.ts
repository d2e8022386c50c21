import { Injectable } from '@nestjs/common';
import { CatalogViewService } from '../catalog/catalog-view.service.js';
import type { InstanceTypeFacts } from '../catalog/core/instance-type.facts.js';
import { diagnose } from './core/index.js';
import { toDiagnosisRequest } from './diagnosis-input.resolution.js';
import type { DiagnosisInputDto } from './diagnosis.inputs.js';
import { toDiagnosisModel, type Diagnosis } from './diagnosis.models.js';

const NO_TYPES: ReadonlyMap<string, InstanceTypeFacts> = new Map();

/**
 * Wraps the pure diagnosis core; instance types resolved from the in-memory catalog (a diagnosis
 * runs without one, every type then unknown). Nothing pasted is logged or kept.
 */
@Injectable()
export class DiagnosisService {
  constructor(private readonly view: CatalogViewService) {}

  diagnose(input: DiagnosisInputDto): Diagnosis {
    return toDiagnosisModel(diagnose(toDiagnosisRequest(input, this.view.current()?.byName ?? NO_TYPES)));
  }
}
