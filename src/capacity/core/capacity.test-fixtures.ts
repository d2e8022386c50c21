// Test helpers: the bundled catalog, read once per test file.
import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import { readBundledSnapshot } from '../../catalog/bundled-catalog.js';
import type { CatalogSnapshot } from '../../catalog/core/snapshot.js';

let snapshot: CatalogSnapshot | undefined;

export function catalog(): CatalogSnapshot {
  snapshot ??= readBundledSnapshot();
  return snapshot;
}

export function facts(name: string): InstanceTypeFacts {
  const t = catalog().types.find((x) => x.name === name);
  if (!t) throw new Error(`test fixture: ${name} is not in the bundled catalog`);
  return t;
}
