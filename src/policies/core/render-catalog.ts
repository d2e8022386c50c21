import { computeNodeCapacity } from '../../capacity/core/index.js';
import { catalogNotLoadedError, unknownInstanceTypeError } from '../../catalog/core/catalog-errors.js';
import type { RenderCatalog, WindowsIpMode } from './policy-template.model.js';

/**
 * Pods a Windows node of this type can run: the capacity engine's min(kubelet max-pods, W), with
 * kubelet's Windows default of 110 (aws/aws-eks-best-practices latest/bpg/networking/prefix-mode_windows.adoc).
 * m5.large: 9 in secondary-IP mode, 110 with prefix delegation (W = 144, capped by kubelet).
 * SERVICE_UNAVAILABLE while no catalog is loaded; INSTANCE_TYPE_NOT_FOUND for a type it does not have.
 */
export function windowsMaxPods(catalog: RenderCatalog | null, instanceType: string, ipMode: WindowsIpMode): number {
  if (!catalog) throw catalogNotLoadedError();
  const facts = catalog.byName.get(instanceType);
  if (!facts) throw unknownInstanceTypeError(instanceType, catalog.types);
  return computeNodeCapacity({
    instanceType: facts,
    os: 'WINDOWS',
    ipMode: ipMode === 'prefix-delegation' ? 'PREFIX_DELEGATION' : 'SECONDARY_IP',
  }).maxPods;
}

/**
 * Refuses a type the catalog does not have (INSTANCE_TYPE_NOT_FOUND, with suggestions), whatever
 * the template does with it; nothing to check without a catalog (a render outside the service).
 */
export function requireKnownInstanceType(catalog: RenderCatalog | null | undefined, instanceType: string): void {
  if (catalog === undefined) return;
  if (!catalog) throw catalogNotLoadedError();
  if (!catalog.byName.has(instanceType)) throw unknownInstanceTypeError(instanceType, catalog.types);
}

/** The catalog's types of a family (`m5`), by name; none while no catalog is loaded. */
export function familyInstanceTypes(catalog: RenderCatalog | null | undefined, family: string): string[] {
  return (catalog?.types ?? []).filter((t) => t.family === family).map((t) => t.name);
}
