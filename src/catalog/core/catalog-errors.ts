import { DomainError, ErrorCode } from '../../common/domain-error.js';
import type { InstanceTypeFacts } from './instance-type.facts.js';

/**
 * The answers of a read of the in-memory catalog that finds nothing, in one place for the
 * catalog services and the cores that read the catalog they are given.
 */

/** SERVICE_UNAVAILABLE while no catalog is loaded: every type would look unknown, a misleading 400 or 404. */
export function catalogNotLoadedError(): DomainError {
  return new DomainError(ErrorCode.SERVICE_UNAVAILABLE, 'The instance catalog is not loaded yet; try again shortly');
}

/** INSTANCE_TYPE_NOT_FOUND naming up to 8 types of the same family (`types` in the catalog's order). */
export function unknownInstanceTypeError(name: string, types: readonly InstanceTypeFacts[]): DomainError {
  const shown = name.length > 64 ? `${name.slice(0, 64)}…` : name;
  const family = name.split('.')[0] ?? '';
  const suggestions = types
    .filter((t) => family.length > 0 && t.family === family)
    .slice(0, 8)
    .map((t) => t.name);
  return new DomainError(ErrorCode.INSTANCE_TYPE_NOT_FOUND, `Unknown instance type "${shown}": the catalog has no such EC2 instance type`, {
    instanceType: shown,
    suggestions,
  });
}

/**
 * VALIDATION_FAILED for a region in which no type of the catalog is offered: a typo (`us-east-9`) or
 * a region the catalog has not read. Without it, a region filter answers an empty list that reads
 * as "nothing fits", and a region-specific fact is silently left out.
 */
export function unknownRegionError(region: string, known: ReadonlySet<string>): DomainError {
  const regions = [...known].sort();
  return new DomainError(
    ErrorCode.VALIDATION_FAILED,
    `region ${region} is not in the instance catalog, whose types are offered in ${regions.length} region(s): ${regions.join(', ')}`,
    { field: 'region', rule: 'KNOWN_REGION', regions },
  );
}
