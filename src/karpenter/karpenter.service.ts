import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service.js';
import { CatalogViewService } from '../catalog/catalog-view.service.js';
import { planKarpenterWindows } from './core/index.js';
import type { KarpenterWindowsPlanInputDto } from './karpenter.inputs.js';
import { toKarpenterWindowsPlanModel, type KarpenterWindowsPlan } from './karpenter.models.js';

/** Wraps the pure Karpenter core: instance types come from the in-memory catalog; nothing is stored. */
@Injectable()
export class KarpenterService {
  constructor(
    private readonly catalog: CatalogService,
    private readonly view: CatalogViewService,
  ) {}

  planWindows(input: KarpenterWindowsPlanInputDto): KarpenterWindowsPlan {
    const view = this.view.requireLoaded();
    // GraphQL sends null for fields left out; the core treats a present key as given.
    const clean = Object.fromEntries(
      Object.entries(input).filter(([, v]) => v !== null && v !== undefined),
    ) as unknown as KarpenterWindowsPlanInputDto;
    return toKarpenterWindowsPlanModel(
      planKarpenterWindows(clean, {
        lookupInstanceType: (name) => this.catalog.requireFromView(name),
        listFamily: (family) => view.types.filter((t) => t.family === family),
      }),
    );
  }
}
