import type { CatalogInstanceType } from './instance-type.facts.js';

export interface FieldChangeRecord {
  field: string;
  oldValue: unknown;
  newValue: unknown;
}

export interface TypeChangeRecord {
  name: string;
  changes: FieldChangeRecord[];
}

/** The fields a refresh compares; every field users can see in `InstanceType`. */
export const COMPARED_FIELDS = [
  'family',
  'size',
  'hypervisor',
  'bareMetal',
  'vcpus',
  'memoryMiB',
  'architectures',
  'currentGeneration',
  'burstable',
  'ipv4AddressesPerInterface',
  'ipv6AddressesPerInterface',
  'ipv6Supported',
  'maxNetworkInterfaces',
  'defaultNetworkCardIndex',
  'defaultCardNetworkInterfaces',
  'maximumNetworkCards',
  'networkPerformance',
  'networkCards',
  'regions',
  'accelerators',
] as const satisfies ReadonlyArray<keyof CatalogInstanceType>;

export interface CatalogDiff {
  added: string[];
  removed: string[];
  changed: TypeChangeRecord[];
  unchanged: string[];
}

/** Structural equality; key order does not count (jsonb does not keep it). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    return a.length === other.length && a.every((item, i) => sameValue(item, other[i]));
  }
  const ka = Object.keys(a).filter((k) => (a as Record<string, unknown>)[k] !== undefined);
  const kb = Object.keys(b).filter((k) => (b as Record<string, unknown>)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** What turns the catalog `before` into `after`, type by type and field by field. */
export function diffCatalogs(
  before: ReadonlyMap<string, CatalogInstanceType>,
  after: ReadonlyMap<string, CatalogInstanceType>,
): CatalogDiff {
  const added: string[] = [];
  const removed: string[] = [];
  const changed: TypeChangeRecord[] = [];
  const unchanged: string[] = [];
  for (const [name, next] of after) {
    const prev = before.get(name);
    if (!prev) {
      added.push(name);
      continue;
    }
    const changes: FieldChangeRecord[] = [];
    for (const field of COMPARED_FIELDS) {
      if (!sameValue(prev[field], next[field])) {
        changes.push({ field, oldValue: prev[field], newValue: next[field] });
      }
    }
    if (changes.length > 0) changed.push({ name, changes });
    else unchanged.push(name);
  }
  for (const name of before.keys()) if (!after.has(name)) removed.push(name);
  added.sort();
  removed.sort();
  changed.sort((a, b) => (a.name < b.name ? -1 : 1));
  return { added, removed, changed, unchanged };
}

export interface RefreshedData {
  /** Facts of every type EC2 described in this run. */
  described: ReadonlyArray<Omit<CatalogInstanceType, 'regions'>>;
  /** The regions whose offerings this run read, and what each offers. */
  offeringsByRegion: Readonly<Record<string, readonly string[]>>;
}

/**
 * The catalog after a refresh. Availability in the regions the run read is replaced by what
 * they offer now; regions the run did not read keep what the catalog knew. A type EC2 no
 * longer describes stays only while some region the run did not read still offers it.
 */
export function mergeRefresh(before: ReadonlyMap<string, CatalogInstanceType>, data: RefreshedData): Map<string, CatalogInstanceType> {
  const refreshedRegions = new Set(Object.keys(data.offeringsByRegion));
  const regionsByType = new Map<string, Set<string>>();
  const regionSet = (name: string) => {
    let set = regionsByType.get(name);
    if (!set) regionsByType.set(name, (set = new Set()));
    return set;
  };
  for (const [name, prev] of before) {
    for (const region of prev.regions) if (!refreshedRegions.has(region)) regionSet(name).add(region);
  }
  for (const [region, types] of Object.entries(data.offeringsByRegion)) {
    for (const name of types) regionSet(name).add(region);
  }
  const after = new Map<string, CatalogInstanceType>();
  for (const facts of data.described) {
    after.set(facts.name, { ...facts, regions: [...(regionsByType.get(facts.name) ?? [])].sort() });
  }
  for (const [name, prev] of before) {
    if (after.has(name)) continue;
    const regions = [...(regionsByType.get(name) ?? [])].sort();
    if (regions.length > 0) after.set(name, { ...prev, regions });
  }
  return after;
}
