import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { CapacityService } from '../capacity/capacity.service.js';
import { PodCapacityTableService } from '../capacity/pod-capacity-table.service.js';
import { ClusterAuditService } from '../cluster-audit/cluster-audit.service.js';
import { CniService } from '../cni/cni.service.js';
import { KarpenterService } from '../karpenter/karpenter.service.js';
import { PoliciesService } from '../policies/policies.service.js';
import { CatalogViewService } from './catalog-view.service.js';
import type { CatalogService } from './catalog.service.js';
import type { PriceViewService } from './price-view.service.js';
import { readBundledSnapshot } from './bundled-catalog.js';

function domainErrorOf(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error('expected a DomainError, nothing was thrown');
}

describe('CatalogViewService.requireLoaded', () => {
  it('answers SERVICE_UNAVAILABLE before any catalog is installed, and for an empty one', () => {
    const view = new CatalogViewService();
    expect(domainErrorOf(() => view.requireLoaded())).toMatchObject({
      code: ErrorCode.SERVICE_UNAVAILABLE,
      message: 'The instance catalog is not loaded yet; try again shortly',
    });
    view.replace([], 'run-0', new Date());
    expect(domainErrorOf(() => view.requireLoaded()).code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
  });

  it('returns the view in service once a catalog is installed', () => {
    const view = new CatalogViewService();
    view.replace(readBundledSnapshot().types.slice(0, 3), 'run-1', new Date());
    expect(view.requireLoaded()).toBe(view.current());
    expect(view.requireLoaded().types).toHaveLength(3);
  });

  it('requireKnownRegion refuses a region no type is offered in, and checks nothing without a catalog or offerings', () => {
    const view = new CatalogViewService();
    expect(() => view.requireKnownRegion('us-east-9')).not.toThrow();
    const types = readBundledSnapshot().types.filter((t) => t.name === 'm5.large' || t.name === 'c5.large');
    view.replace(types, 'run-1', new Date());
    expect(() => view.requireKnownRegion('eu-west-1')).not.toThrow();
    expect(() => view.requireKnownRegion(undefined)).not.toThrow();
    expect(domainErrorOf(() => view.requireKnownRegion('us-east-9'))).toMatchObject({
      code: ErrorCode.VALIDATION_FAILED,
      details: { field: 'region', rule: 'KNOWN_REGION', regions: [...new Set(types.flatMap((t) => t.regions))].sort() },
    });
    view.replace([{ ...types[0], regions: [] }], 'run-2', new Date());
    expect(() => view.requireKnownRegion('us-east-9')).not.toThrow();
  });

  // The one guard every service reading the in-memory catalog goes through (nothing else of theirs
  // is reached, so their other collaborators are left out).
  const view = new CatalogViewService();
  const catalog = {} as CatalogService;
  const prices = {} as PriceViewService;
  const input = {} as never;
  it.each<[string, () => unknown]>([
    ['capacity: nodeCapacity', () => new CapacityService(catalog, view, prices).nodeCapacity({ instanceType: 'm5.large' } as never)],
    ['capacity: windowsEligibilities', () => new CapacityService(catalog, view, prices).windowsEligibilities({})],
    ['capacity: sizeNodeGroups', () => new CapacityService(catalog, view, prices).sizeNodeGroups(input)],
    ['capacity: podCapacityTable', () => new PodCapacityTableService(catalog, view).podCapacityTable({})],
    ['cni: recommend', () => new CniService(catalog, view).recommend(input)],
    ['cluster audit: audit', () => new ClusterAuditService(view).audit(input)],
    ['karpenter: planWindows', () => new KarpenterService(catalog, view).planWindows(input)],
    [
      'policies: render deriving kubelet max-pods',
      () =>
        new PoliciesService(view, prices).render('windows-userdata-bootstrap-dsr', {
          clusterName: 'c',
          kubernetesVersion: '1.32',
          instanceType: 'm5.large',
        }),
    ],
  ])('%s answers SERVICE_UNAVAILABLE while the catalog is not loaded', (_name, call) => {
    expect(domainErrorOf(call).code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
  });

  it('policies: a render that derives nothing from the catalog needs none', () => {
    const rendered = new PoliciesService(view, prices).render('windows-userdata-bootstrap-dsr', {
      clusterName: 'c',
      kubernetesVersion: '1.32',
    });
    expect(rendered.warnings.map((w) => w.code)).toContain('MAX_PODS_NOT_SET');
  });
});
