import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service.js';
import { CatalogViewService } from '../catalog/catalog-view.service.js';
import { planKarpenterWindows } from './core/index.js';
import { toKarpenterWindowsRequest } from './karpenter-input.resolution.js';
import type { KarpenterWindowsPlanInputDto } from './karpenter.inputs.js';
import { toKarpenterWindowsPlanModel, type KarpenterWindowsPlan } from './karpenter.models.js';

/**
 * Wraps the pure Karpenter core: the pipe has validated the input's shape; here the rest is checked
 * and the types and families are resolved from the in-memory catalog, and the core gets plain data.
 * Nothing is stored.
 */
@Injectable()
export class KarpenterService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly view: CatalogViewService,
  ) {}

  planWindows(input: KarpenterWindowsPlanInputDto): KarpenterWindowsPlan {
    const view = this.view.requireLoaded();
    // An unknown type makes requireFromView throw INSTANCE_TYPE_NOT_FOUND; the resolution turns that
    // into VALIDATION_FAILED on instanceTypes[i] (malformed input, not a missing resource).
    const request = toKarpenterWindowsRequest(input, { lookup: (name) => this.catalog.requireFromView(name), types: view.types });
    return toKarpenterWindowsPlanModel(planKarpenterWindows(request));
  }
}
