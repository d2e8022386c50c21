import { Injectable } from '@nestjs/common';
import { computeNodeCapacity } from '../capacity/core/index.js';
import { CatalogService } from '../catalog/catalog.service.js';
import { CatalogViewService } from '../catalog/catalog-view.service.js';
import { checkPolicyForWindows, getTemplate, listTemplates, renderTemplate, type RenderOptions, type WindowsIpMode } from './core/index.js';
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
 * work; this layer only supplies the capacity engine to templates that derive kubelet max-pods.
 */
@Injectable()
export class PoliciesService {
  private readonly renderOptions: RenderOptions;

  constructor(
    private readonly catalog: CatalogService,
    private readonly view: CatalogViewService,
  ) {
    this.renderOptions = {
      computeMaxPods: (instanceType, ipMode) => this.windowsMaxPods(instanceType, ipMode),
      listFamilyInstanceTypes: (family) => (this.view.current()?.types ?? []).filter((t) => t.family === family).map((t) => t.name),
    };
  }

  listTemplates(): PolicyTemplate[] {
    return listTemplates().map(toPolicyTemplate);
  }

  /** NOT_FOUND for an unknown id. */
  getTemplate(id: string): PolicyTemplate {
    return toPolicyTemplate(getTemplate(id));
  }

  /** NOT_FOUND for an unknown id; VALIDATION_FAILED naming the parameter and rule; INSTANCE_TYPE_NOT_FOUND. */
  render(id: string, parameters: unknown): RenderedTemplate {
    return toRenderedTemplate(renderTemplate(id, parameters, this.renderOptions));
  }

  /** UNPROCESSABLE_DOCUMENT for malformed YAML or unknown kinds; PAYLOAD_TOO_LARGE above 1 MiB / 100 documents. */
  checkForWindows(manifest: string): WindowsPolicyCheck {
    return toWindowsPolicyCheck(checkPolicyForWindows(manifest));
  }

  /**
   * Pods a Windows node of this type can run: the capacity engine's min(kubelet max-pods, W), with
   * kubelet's Windows default of 110 (aws/aws-eks-best-practices latest/bpg/networking/prefix-mode_windows.adoc). m5.large: 9 in secondary-IP mode, 110 with
   * prefix delegation (W = 144, capped by kubelet).
   */
  windowsMaxPods(instanceType: string, ipMode: WindowsIpMode): number {
    this.view.requireLoaded();
    const type = this.catalog.requireFromView(instanceType);
    return computeNodeCapacity({
      instanceType: type,
      os: 'WINDOWS',
      ipMode: ipMode === 'prefix-delegation' ? 'PREFIX_DELEGATION' : 'SECONDARY_IP',
    }).maxPods;
  }
}
