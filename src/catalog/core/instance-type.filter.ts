import { isNitro, type CatalogInstanceType } from './instance-type.facts.js';

/** The catalog filters of `instanceTypes` / `GET /api/v1/instance-types`, already validated. */
export interface InstanceTypeFilter {
  family?: string[];
  hypervisor?: string;
  nitro?: boolean;
  bareMetal?: boolean;
  architecture?: string;
  currentGeneration?: boolean;
  minVcpus?: number;
  maxVcpus?: number;
  minMemoryMiB?: number;
  maxMemoryMiB?: number;
  region?: string;
}

type Check = (t: CatalogInstanceType) => boolean;

/**
 * The filter as a predicate: every given criterion must hold, an absent one (or an empty family
 * list) selects everything. Null only ever fails an equality, as in SQL: a bare-metal type has no
 * hypervisor, so `hypervisor: "nitro"` leaves it out while `nitro: true` keeps it.
 * Returns null when nothing is filtered, so callers can skip the scan.
 */
export function instanceTypePredicate(filter: InstanceTypeFilter): Check | null {
  const checks: Check[] = [];
  if (filter.family?.length) {
    const families = new Set(filter.family);
    checks.push((t) => families.has(t.family));
  }
  const { hypervisor, nitro, bareMetal, architecture, currentGeneration, region } = filter;
  const { minVcpus, maxVcpus, minMemoryMiB, maxMemoryMiB } = filter;
  if (hypervisor !== undefined) checks.push((t) => t.hypervisor === hypervisor);
  if (nitro !== undefined) checks.push((t) => isNitro(t) === nitro);
  if (bareMetal !== undefined) checks.push((t) => t.bareMetal === bareMetal);
  if (architecture !== undefined) checks.push((t) => t.architectures.includes(architecture));
  if (currentGeneration !== undefined) checks.push((t) => t.currentGeneration === currentGeneration);
  if (minVcpus !== undefined) checks.push((t) => t.vcpus >= minVcpus);
  if (maxVcpus !== undefined) checks.push((t) => t.vcpus <= maxVcpus);
  if (minMemoryMiB !== undefined) checks.push((t) => t.memoryMiB >= minMemoryMiB);
  if (maxMemoryMiB !== undefined) checks.push((t) => t.memoryMiB <= maxMemoryMiB);
  if (region !== undefined) checks.push((t) => t.regions.includes(region));
  if (checks.length === 0) return null;
  if (checks.length === 1) return checks[0];
  return (t) => checks.every((check) => check(t));
}
