import { Injectable } from '@nestjs/common';
import { CatalogViewService } from '../catalog/catalog-view.service.js';
import { PriceViewService } from '../catalog/price-view.service.js';
import { checkPolicyForWindows, getTemplate, listTemplates, renderTemplate } from './core/index.js';
import {
  toPolicyTemplate,
  toRenderedTemplate,
  toWindowsPolicyCheck,
  type PolicyTemplate,
  type RenderedTemplate,
  type WindowsPolicyCheck,
} from './policies.models.js';

/**
 * Templates and the Windows policy check for both doors (GraphQL and REST). The pure core does the
 * work; this layer only hands it the in-memory catalog, from which templates that derive kubelet
 * max-pods take the types' facts (the capacity engine) and templates that take families their types, and
 * what catalog refreshes read from the AWS Price List about Windows on a type in a region.
 */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly view: CatalogViewService,
    private readonly prices: PriceViewService,
  ) {}

  listTemplates(): PolicyTemplate[] {
    return listTemplates().map(toPolicyTemplate);
  }

  /** NOT_FOUND for an unknown id. */
  getTemplate(id: string): PolicyTemplate {
    return toPolicyTemplate(getTemplate(id));
  }

  /**
   * NOT_FOUND for an unknown id; VALIDATION_FAILED naming the parameter and rule; INSTANCE_TYPE_NOT_FOUND;
   * SERVICE_UNAVAILABLE when the render derives from the catalog while none is loaded.
   */
  render(id: string, parameters: unknown): RenderedTemplate {
    return toRenderedTemplate(
      renderTemplate(id, parameters, {
        catalog: this.view.isLoaded ? this.view.current() : null,
        windowsPriceList: (region, instanceType) => this.prices.windowsPriceListFact(region, instanceType),
      }),
    );
  }

  /** UNPROCESSABLE_DOCUMENT for malformed YAML or unknown kinds; PAYLOAD_TOO_LARGE above 1 MiB / 100 documents. */
  checkForWindows(manifest: string): WindowsPolicyCheck {
    return toWindowsPolicyCheck(checkPolicyForWindows(manifest));
  }
}
