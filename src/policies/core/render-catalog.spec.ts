import { describe, expect, it } from 'vitest';
import { facts } from '../../capacity/core/capacity.test-fixtures.js';
import { DomainError, ErrorCode } from '../../common/domain-error.js';
import { familyInstanceTypes, windowsMaxPods } from './render-catalog.js';
import { renderCatalogOf } from './render-catalog.testing.js';
import { renderTemplate } from './template.catalogue.js';

const small = renderCatalogOf(['m5.xlarge', 'm5.large', 't3.xlarge'].map(facts));

function thrownBy(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  }
  throw new Error('nothing was thrown');
}

describe('the catalog a render reads', () => {
  it('windowsMaxPods: the capacity engine over the facts (m5.large: 9 secondary IP, 110 with prefix delegation)', () => {
    expect(windowsMaxPods(small, 'm5.large', 'secondary-ip')).toBe(9);
    expect(windowsMaxPods(small, 'm5.large', 'prefix-delegation')).toBe(110);
  });

  it('an unknown type: INSTANCE_TYPE_NOT_FOUND naming the types of its family', () => {
    const e = thrownBy(() => windowsMaxPods(small, 'm5.huge', 'secondary-ip'));
    expect(e.code).toBe(ErrorCode.INSTANCE_TYPE_NOT_FOUND);
    expect(e.message).toBe('Unknown instance type "m5.huge": the catalog has no such EC2 instance type');
    expect(e.details).toEqual({ instanceType: 'm5.huge', suggestions: ['m5.large', 'm5.xlarge'] });
  });

  it('no catalog loaded: SERVICE_UNAVAILABLE, only for a render that derives from it', () => {
    expect(thrownBy(() => windowsMaxPods(null, 'm5.large', 'secondary-ip')).code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    const e = thrownBy(() =>
      renderTemplate(
        'windows-userdata-bootstrap-dsr',
        { clusterName: 'c', kubernetesVersion: '1.32', instanceType: 'm5.large' },
        { catalog: null },
      ),
    );
    expect(e.code).toBe(ErrorCode.SERVICE_UNAVAILABLE);
    expect(familyInstanceTypes(null, 'm5')).toEqual([]);
  });

  it('familyInstanceTypes: the family by name', () => {
    expect(familyInstanceTypes(small, 'm5')).toEqual(['m5.large', 'm5.xlarge']);
    expect(familyInstanceTypes(small, 'c5')).toEqual([]);
  });
});
