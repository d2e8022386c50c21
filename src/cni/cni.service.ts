import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service.js';
import { CatalogViewService } from '../catalog/catalog-view.service.js';
import { recommendCni } from './core/index.js';
import { toCniPlan } from './cni-input.resolution.js';
import type { CniRecommendationInputDto } from './cni-recommendation.input.js';
import { toCniRecommendationModel, type CniRecommendation } from './cni-recommendation.model.js';

/**
 * Wraps the pure CNI core: the pipe has validated the input's shape; here the rest is checked and the
 * instance types are resolved from the in-memory catalog, and the core gets plain data. Nothing is stored.
 */
@Injectable()
export class CniService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly view: CatalogViewService,
  ) {}

  recommend(input: CniRecommendationInputDto): CniRecommendation {
    this.view.requireLoaded();
    // An unknown type makes requireFromView throw INSTANCE_TYPE_NOT_FOUND; toCniPlan turns that into
    // VALIDATION_FAILED on nodeGroups[i].instanceType (malformed input, not a missing resource).
    const plan = toCniPlan(input, (name) => this.catalog.requireFromView(name));
    return toCniRecommendationModel(recommendCni(plan));
  }
}
