// Test helper: a RenderCatalog as PoliciesService hands it over (the in-memory view, ordered by name).
import { catalog } from '../../capacity/core/capacity.test-fixtures.js';
import type { InstanceTypeFacts } from '../../catalog/core/instance-type.facts.js';
import type { RenderCatalog } from './policy-template.model.js';

export function renderCatalogOf(types: readonly InstanceTypeFacts[] = catalog().types): RenderCatalog {
  const sorted = [...types].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { types: sorted, byName: new Map(sorted.map((t) => [t.name, t])) };
}
