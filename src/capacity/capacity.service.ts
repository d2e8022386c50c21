import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service.js';
import { PerViewAnswers } from './answer-cache.js';
import { CatalogViewService, type CatalogSnapshotView } from '../catalog/catalog-view.service.js';
import type { CatalogInstanceType } from '../catalog/core/instance-type.facts.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import {
  checkWindowsServices,
  compareModes,
  computeNodeCapacity,
  computeSubnetUsage,
  dsrKubeProxyFlags,
  mapSubnetPrefixes,
  renderSubnetPrefixSvg,
  sizeNodeGroups,
  type SubnetPrefixMap,
  WINDOWS_SERVICES_PER_NODE_LIMIT,
} from './core/index.js';
import {
  DEFAULT_SIZING_LIMIT,
  type NodeCapacityInput,
  type NodeCapacityOptionsInput,
  type NodeGroupSizingInput,
  type SubnetUsageInput,
  type WindowsServicesQuery,
} from './capacity.inputs.js';
import {
  toCapacityWarningModels,
  toKubeProxyDsrFlagsModel,
  toModeComparisonModel,
  toNodeCapacityModel,
  toSizingOptionModel,
  toSubnetUsageModel,
  type ModeComparison,
  type NodeCapacity,
  type NodeGroupSizing,
  type SubnetUsage,
  type WindowsServicesCheck,
} from './capacity.models.js';

import type { SubnetPrefixAvailabilityInput } from './subnet-prefix.inputs.js';
import { toSubnetPrefixAvailabilityModel, type SubnetPrefixAvailability } from './subnet-prefix.models.js';

/** Filtered candidate lists kept per catalog view, so repeated portal queries reuse the core's per-array caches. */
const MAX_CACHED_FILTERS = 64;
/** Answers kept per catalog view (least recently used first out), and the longest input (JSON) remembered. */
const MAX_CACHED_SIZINGS = 128;
const MAX_ANSWER_KEY_LENGTH = 4096;

/**
 * Wraps the pure capacity core. Instance types come from the in-memory catalog (never SQL per
 * request: a portal asks on every keystroke); nothing is stored, nothing changes state.
 */
@Injectable()
export class CapacityService {
  /**
   * Candidate lists by filter, for one catalog view only. Keyed on the view object itself: a refresh
   * (or replaceView) installs a new view, and the first request after it starts a fresh cache.
   */
  private candidateCache: { view: CatalogSnapshotView; lists: Map<string, ReadonlyArray<CatalogInstanceType>> } | null = null;

  /** Whole sizing answers by input, for the current catalog view only. */
  private readonly sizingAnswers = new PerViewAnswers<NodeGroupSizing>(MAX_CACHED_SIZINGS, MAX_ANSWER_KEY_LENGTH);

  constructor(
    private readonly catalog: CatalogService,
    private readonly view: CatalogViewService,
  ) {}

  nodeCapacity(input: NodeCapacityInput): NodeCapacity {
    const { instanceType, ...rest } = input;
    return toNodeCapacityModel(computeNodeCapacity({ ...coreOptions(rest), os: input.os, ipMode: input.ipMode, instanceType: this.requireType(instanceType) }));
  }

  compareModes(instanceType: string, options: NodeCapacityOptionsInput | undefined): ModeComparison {
    return toModeComparisonModel(compareModes({ ...coreOptions(options ?? {}), instanceType: this.requireType(instanceType) }));
  }

  subnetUsage(input: SubnetUsageInput): SubnetUsage {
    return toSubnetUsageModel(
      computeSubnetUsage({
        instanceType: this.requireType(input.instanceType),
        nodeCount: input.nodeCount,
        os: input.os,
        ipMode: input.ipMode,
        podsPerNode: input.podsPerNode,
        warmPool: input.warmPool ? definedOnly({ ...input.warmPool }) : undefined,
        subnetCidrs: input.subnetCidrs,
        ...coreOptions(input),
      }),
    );
  }

  sizeNodeGroups(input: NodeGroupSizingInput): NodeGroupSizing {
    const view = this.requireView();
    return this.sizingAnswers.get(view, input, () => this.computeSizing(view, input));
  }

  private computeSizing(view: CatalogSnapshotView, input: NodeGroupSizingInput): NodeGroupSizing {
    const w = input.workload;
    const candidates = input.instanceTypes
      ? this.filter(input.instanceTypes.map((name) => this.requireType(name)), input)
      : this.catalogCandidates(view, input);
    const servicesPerWindowsNode = w.servicesPerWindowsNode;
    const kubernetesVersion = w.kubernetesVersion;
    const result = sizeNodeGroups({
      workload: {
        windowsPods: w.windowsPods ?? 0,
        linuxPods: w.linuxPods ?? 0,
        windowsPodCpuMillicores: w.windowsPodCpuMillicores ?? 0,
        windowsPodMemoryMiB: w.windowsPodMemoryMiB ?? 0,
        linuxPodCpuMillicores: w.linuxPodCpuMillicores ?? 0,
        linuxPodMemoryMiB: w.linuxPodMemoryMiB ?? 0,
        ...(servicesPerWindowsNode !== undefined && servicesPerWindowsNode !== null ? { servicesPerWindowsNode } : {}),
      },
      candidates,
      ...definedOnly({
        ipModes: input.ipModes,
        windowsKubeletMaxPods: input.windowsKubeletMaxPods,
        linuxKubeletMaxPods: input.linuxKubeletMaxPods,
        kubernetesVersion: kubernetesVersion ?? undefined,
      }),
      limit: input.limit ?? DEFAULT_SIZING_LIMIT,
    });
    const needsDsr =
      (w.windowsPods ?? 0) > 0 &&
      servicesPerWindowsNode !== undefined &&
      servicesPerWindowsNode !== null &&
      servicesPerWindowsNode > WINDOWS_SERVICES_PER_NODE_LIMIT;
    return {
      windows: result.windows.map(toSizingOptionModel),
      linux: result.linux.map(toSizingOptionModel),
      candidateCount: candidates.length,
      catalogVersion: view.version,
      dsr: needsDsr && kubernetesVersion ? toKubeProxyDsrFlagsModel(dsrKubeProxyFlags(kubernetesVersion)) : null,
      warnings: toCapacityWarningModels(result.warnings),
    };
  }

  windowsServicesCheck(query: WindowsServicesQuery): WindowsServicesCheck {
    const kubernetesVersion = query.kubernetesVersion ?? undefined;
    const warnings = checkWindowsServices({ servicesPerNode: query.servicesPerNode, kubernetesVersion });
    return {
      servicesPerNode: query.servicesPerNode,
      limit: WINDOWS_SERVICES_PER_NODE_LIMIT,
      dsrRecommended: query.servicesPerNode > WINDOWS_SERVICES_PER_NODE_LIMIT,
      dsr: kubernetesVersion !== undefined ? toKubeProxyDsrFlagsModel(dsrKubeProxyFlags(kubernetesVersion)) : null,
      warnings: toCapacityWarningModels(warnings),
    };
  }

  /** The subnet's real /28 blocks from pasted aws CLI output; nothing of it is kept. */
  subnetPrefixAvailability(input: SubnetPrefixAvailabilityInput): SubnetPrefixAvailability {
    return toSubnetPrefixAvailabilityModel(this.mapSubnet(input));
  }

  /** The same map drawn as SVG (image/svg+xml). */
  subnetPrefixSvg(input: SubnetPrefixAvailabilityInput): string {
    return renderSubnetPrefixSvg(this.mapSubnet(input));
  }

  private mapSubnet(input: SubnetPrefixAvailabilityInput): SubnetPrefixMap {
    return mapSubnetPrefixes({
      subnetCidr: input.subnetCidr,
      ...definedOnly({
        cidrReservationsJson: input.cidrReservationsJson,
        networkInterfacesJson: input.networkInterfacesJson,
        podsPerNode: input.podsPerNode,
        nodeCount: input.nodeCount,
        kubeletMaxPods: input.kubeletMaxPods,
      }),
      ...(input.instanceType ? { instanceType: this.requireType(input.instanceType) } : {}),
    });
  }

  private requireView(): CatalogSnapshotView {
    const view = this.view.current();
    // Without a catalog every type would look unknown: say so instead of a misleading 404.
    if (!view || view.types.length === 0) {
      throw new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'The instance catalog is not loaded yet; try again shortly');
    }
    return view;
  }

  private requireType(name: string): CatalogInstanceType {
    this.requireView();
    return this.catalog.requireFromView(name);
  }

  private catalogCandidates(view: CatalogSnapshotView, input: NodeGroupSizingInput): ReadonlyArray<CatalogInstanceType> {
    if (this.candidateCache?.view !== view) this.candidateCache = { view, lists: new Map() };
    const key = JSON.stringify([input.region ?? null, input.architecture ?? null, input.families ? [...input.families].sort() : null]);
    const lists = this.candidateCache.lists;
    let list = lists.get(key);
    if (!list) {
      list = input.region || input.architecture || input.families ? this.filter(view.types, input) : view.types;
      if (lists.size >= MAX_CACHED_FILTERS) lists.delete(lists.keys().next().value as string);
      lists.set(key, list);
    }
    return list;
  }

  private filter(types: ReadonlyArray<CatalogInstanceType>, input: NodeGroupSizingInput): CatalogInstanceType[] {
    const families = input.families ? new Set(input.families) : null;
    return types.filter(
      (t) =>
        (!input.region || t.regions.includes(input.region)) &&
        (!input.architecture || t.architectures.includes(input.architecture)) &&
        (!families || families.has(t.family)),
    );
  }
}

/** The pods-per-node options the core takes, without the keys the caller left out (GraphQL sends null). */
function coreOptions(o: Partial<NodeCapacityOptionsInput>) {
  return definedOnly({
    kubeletMaxPods: o.kubeletMaxPods,
    applyRecommendedCap: o.applyRecommendedCap,
    customNetworking: o.customNetworking,
    securityGroupsForPods: o.securityGroupsForPods,
    maxEnis: o.maxEnis,
    vpcCniVersion: o.vpcCniVersion,
  });
}

/** Drops undefined and null values: the core treats a present key as given. */
function definedOnly<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], null> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], null> };
}
