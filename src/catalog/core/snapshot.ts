import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../../common/project-path.js';
import type { CatalogInstanceType } from './instance-type.facts.js';
import { mapInstanceTypeRecord, type RawInstanceTypeRecord } from './instance-type.mapper.js';

/** Directory of the bundled snapshot (see snapshot/PROVENANCE.md). */
export const SNAPSHOT_DIR = projectPath('src', 'catalog', 'snapshot');

export interface CatalogSnapshot {
  types: CatalogInstanceType[];
  regions: string[];
}

/** Reads the bundled `DescribeInstanceTypes` records and per-region offerings from disk. */
export function readBundledSnapshot(dir: string = SNAPSHOT_DIR): CatalogSnapshot {
  const records = JSON.parse(readFileSync(join(dir, 'instance-types.json'), 'utf8')) as Record<
    string,
    RawInstanceTypeRecord
  >;
  const offeringsDir = join(dir, 'offerings');
  const regionsByType = new Map<string, string[]>();
  const regions = readdirSync(offeringsDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
  for (const region of regions) {
    const offerings = JSON.parse(readFileSync(join(offeringsDir, `${region}.json`), 'utf8')) as Array<{
      InstanceType: string;
    }>;
    for (const { InstanceType } of offerings) {
      const list = regionsByType.get(InstanceType) ?? [];
      list.push(region);
      regionsByType.set(InstanceType, list);
    }
  }
  const types = Object.values(records)
    .map((raw) => {
      const facts = mapInstanceTypeRecord(raw);
      return { ...facts, regions: regionsByType.get(facts.name) ?? [] };
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { types, regions };
}
