import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service.js';
import { BoundedCache } from '../common/bounded-cache.js';
import { validationError } from '../common/domain-error.js';
import { CatalogViewService, type CatalogSnapshotView } from '../catalog/catalog-view.service.js';
import type { CatalogInstanceType } from '../catalog/core/instance-type.facts.js';
import type * as core from './core/index.js';
import { PriceViewService } from '../catalog/price-view.service.js';
import { staleRegionWarning } from '../catalog/core/region-freshness.js';
import {
  assessWindowsEligibility,
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
  type WindowsEligibilityQuery,
  type WindowsServicesQuery,
} from './capacity.inputs.js';
import {
  toCapacityWarningModels,
  toKubeProxyDsrFlagsModel,
  toModeComparisonModel,
  toNodeCapacityModel,
  toSizingOptionModel,
  toSubnetUsageModel,
  toWindowsEligibilityModel,
  type WindowsEligibility,
  type WindowsEligibilityList,
  type ModeComparison,
  type NodeCapacity,
  type NodeGroupSizing,
  type SubnetUsage,
  type WindowsServicesCheck,
} from './capacity.models.js';

import type { SubnetPrefixAvailabilityInput } from './subnet-prefix.inputs.js';
import { toSubnetPrefixAvailabilityModel, type SubnetPrefixAvailability } from './subnet-prefix.models.js';

/**
 * Filtered candidate lists kept per catalog view (frozen), so repeated portal queries reuse the core's
 * size order of each list: sizings computed afresh for a region answered at about twice the rate.
 */
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
  /** Candidate lists by filter, for the current catalog view only. */
  private readonly candidateLists = new BoundedCache<string, ReadonlyArray<CatalogInstanceType>>(MAX_CACHED_FILTERS);

  /**
   * Whole sizing answers by input (as JSON), for the current catalog view only, each with its JSON
   * text once REST asked for it: a repeated sizing answered at about ten times the rate of one
   * computed afresh, and REST at up to about 40% more with the text made once. Shared: nobody
   * changes an answer.
   */
  private readonly sizingAnswers = new BoundedCache<string, { answer: NodeGroupSizing; json?: string }>({
    maxEntries: MAX_CACHED_SIZINGS,
    maxKeyLength: MAX_ANSWER_KEY_LENGTH,
  });

  constructor(
    private readonly catalog: CatalogService,
    private readonly view: CatalogViewService,
    private readonly prices: PriceViewService,
  ) {}

  nodeCapacity(input: NodeCapacityInput): NodeCapacity {
    const { instanceType, ...rest } = input;
    const t = this.requireType(instanceType);
    return toNodeCapacityModel(
      computeNodeCapacity({
        ...coreOptions(rest),
        ...this.priceListFact(rest.region, t.name),
        os: input.os,
        ipMode: input.ipMode,
        instanceType: t,
      }),
    );
  }

  compareModes(instanceType: string, options: NodeCapacityOptionsInput | undefined): ModeComparison {
    const t = this.requireType(instanceType);
    return toModeComparisonModel(
      compareModes({ ...coreOptions(options ?? {}), ...this.priceListFact(options?.region, t.name), instanceType: t }),
    );
  }

  /** Whether one type can be a Windows node, in a region when its Price List was read. */
  windowsEligibility(instanceType: string, query: WindowsEligibilityQuery): WindowsEligibility {
    const t = this.requireType(instanceType);
    const fact = this.priceListFact(query.region ?? undefined, t.name).windowsPriceList;
    return toWindowsEligibilityModel(assessWindowsEligibility(t, fact ? { priceList: fact } : {}));
  }

  /** Windows eligibility of every type in the catalog. */
  windowsEligibilities(query: WindowsEligibilityQuery): WindowsEligibilityList {
    const view = this.view.requireLoaded();
    const region = query.region ?? null;
    this.view.requireKnownRegion(region);
    const offerings = region ? this.prices.windowsOfferings(region) : undefined;
    const types = view.types.map((t) =>
      toWindowsEligibilityModel(
        assessWindowsEligibility(
          t,
          offerings ? { priceList: { region: offerings.region, readAt: offerings.readAt, offered: offerings.offered.has(t.name) } } : {},
        ),
      ),
    );
    return { region, priceListReadAt: offerings?.readAt ?? null, eligibleCount: types.filter((e) => e.eligible).length, types };
  }

  /** The Price List's answer on Windows for a type in a region, when a refresh read that region. */
  private priceListFact(region: string | null | undefined, name: string): { windowsPriceList?: core.WindowsPriceListFact } {
    this.view.requireKnownRegion(region);
    const fact = region ? this.prices.windowsPriceListFact(region, name) : undefined;
    return fact ? { windowsPriceList: fact } : {};
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
    return this.sizing(input).answer;
  }

  /** The sizing answer as REST sends it (JSON text), made once per answer kept. */
  sizeNodeGroupsJson(input: NodeGroupSizingInput): string {
    const entry = this.sizing(input);
    return (entry.json ??= JSON.stringify(entry.answer));
  }

  private sizing(input: NodeGroupSizingInput): { answer: NodeGroupSizing; json?: string } {
    const view = this.view.requireLoaded();
    return this.sizingAnswers.within(view).getOrCompute(JSON.stringify(input), () => ({ answer: this.computeSizing(view, input) }));
  }

  private computeSizing(view: CatalogSnapshotView, input: NodeGroupSizingInput): NodeGroupSizing {
    this.view.requireKnownRegion(input.region);
    requireKnownFamilies(view, input.families);
    const w = input.workload;
    const candidates = input.instanceTypes
      ? this.filter(
          input.instanceTypes.map((name) => this.requireType(name)),
          input,
        )
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
        ...(kubernetesVersion !== undefined && kubernetesVersion !== null ? { kubernetesVersion } : {}),
        ...(w.needsAccelerators ? { needsAccelerators: true } : {}),
      },
      candidates,
      ...definedOnly({
        ipModes: input.ipModes,
        windowsKubeletMaxPods: input.windowsKubeletMaxPods,
        linuxKubeletMaxPods: input.linuxKubeletMaxPods,
        rankBy: input.rankBy,
        region: input.region,
        windowsServerVersion: input.windowsServerVersion,
      }),
      ...(input.region
        ? {
            prices: definedOnly({ windows: this.prices.windowsPrices(input.region), linux: this.prices.linuxPrices(input.region) }),
            ...definedOnly({ windowsOfferings: this.prices.windowsOfferings(input.region) }),
          }
        : {}),
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
      // The candidates were picked by the region's offerings: say when those are older than the last refresh.
      warnings: toCapacityWarningModels([
        ...result.warnings,
        ...(input.region ? [staleRegionWarning(input.region, view.regionFreshness)].filter((w) => w !== null) : []),
      ]),
      rankBy: result.rankBy,
      windowsPricesReadAt: input.region ? (this.prices.windowsOfferings(input.region)?.readAt ?? null) : null,
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
      warmPool: definedOnly({
        warmIpTarget: input.warmIpTarget,
        minimumIpTarget: input.minimumIpTarget,
        warmPrefixTarget: input.warmPrefixTarget,
      }),
      ...(input.instanceType ? { instanceType: this.requireType(input.instanceType) } : {}),
    });
  }

  private requireType(name: string): CatalogInstanceType {
    this.view.requireLoaded();
    return this.catalog.requireFromView(name);
  }

  private catalogCandidates(view: CatalogSnapshotView, input: NodeGroupSizingInput): ReadonlyArray<CatalogInstanceType> {
    if (!input.region && !input.architecture && !input.families) return view.types;
    const key = JSON.stringify([input.region ?? null, input.architecture ?? null, input.families ? [...input.families].sort() : null]);
    return this.candidateLists.within(view).getOrCompute(key, () => Object.freeze(this.filter(view.types, input)));
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

/**
 * A family no type of the catalog has is a typo (`m5a` for `m5`, `c6` for `c6i`): refused as
 * planKarpenterWindows refuses it, not answered with no candidates as if none fitted.
 */
function requireKnownFamilies(view: CatalogSnapshotView, families: readonly string[] | undefined): void {
  families?.forEach((family, i) => {
    if (view.types.some((t) => t.family === family)) return;
    throw validationError(
      `families[${i}]`,
      'known-instance-family',
      `families[${i}]: "${family}" is not an instance family in the catalog; use the part before the dot of a type name, like m5 or c6i`,
    );
  });
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
    podChurnPer30s: o.podChurnPer30s,
  });
}

/** Drops undefined and null values: the core treats a present key as given. */
function definedOnly<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: Exclude<T[K], null> } {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) out[k] = v;
  return out as { [K in keyof T]?: Exclude<T[K], null> };
}
