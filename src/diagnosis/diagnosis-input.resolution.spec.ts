import { describe, expect, it } from 'vitest';
import { facts } from '../capacity/core/capacity.test-fixtures.js';
import type { DiagnosisInput } from './core/index.js';
import { toDiagnosisRequest } from './diagnosis-input.resolution.js';

const catalog = new Map([['m5.large', facts('m5.large')]]);

describe('toDiagnosisRequest: names resolved before the core', () => {
  it('resolves the trimmed instance type to its facts and passes the catalog along', () => {
    const r = toDiagnosisRequest({ text: 'x', instanceType: ' m5.large ' }, catalog);
    expect(r.instanceType).toEqual({ name: 'm5.large', facts: facts('m5.large') });
    expect(r.catalog).toBe(catalog);
  });

  it('an unknown type keeps its name with no facts; a blank one is no type', () => {
    expect(toDiagnosisRequest({ instanceType: 'm5.huge' }, catalog).instanceType).toEqual({ name: 'm5.huge', facts: null });
    expect(toDiagnosisRequest({ instanceType: '  ' }, catalog)).not.toHaveProperty('instanceType');
  });

  it('drops what GraphQL sends as null', () => {
    const input = { text: 'x', ipMode: null, kubeletMaxPods: null, instanceType: null } as unknown as DiagnosisInput;
    expect(toDiagnosisRequest(input, new Map())).toEqual({ text: 'x', catalog: new Map() });
  });
});
