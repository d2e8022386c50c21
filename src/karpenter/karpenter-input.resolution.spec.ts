import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { catalog } from '../capacity/core/capacity.test-fixtures.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { CachingValidationPipe } from '../common/validation-pipe.js';
import type { KarpenterWindowsPlanInput } from './core/index.js';
import { toKarpenterWindowsRequest, type KarpenterCatalog } from './karpenter-input.resolution.js';
import { KarpenterWindowsPlanInputDto } from './karpenter.inputs.js';

// The edge's one validation of a Karpenter plan request: the pipe checks shape and bounds,
// toKarpenterWindowsRequest the rest (names, formats, cross-field rules, known types and families);
// the core checks nothing again.

const known: KarpenterCatalog = {
  lookup: (name) => {
    const t = catalog().types.find((x) => x.name === name);
    if (!t) throw new DomainError(ErrorCode.INSTANCE_TYPE_NOT_FOUND, `no instance type ${name}`);
    return t;
  },
  types: catalog().types,
};

function input(over: Partial<KarpenterWindowsPlanInput> = {}): KarpenterWindowsPlanInput {
  return {
    clusterName: 'shop',
    kubernetesVersion: '1.33',
    windowsServerVersion: 'WINDOWS_SERVER_2022',
    ipMode: 'PREFIX_DELEGATION',
    instanceTypes: ['m5.large'],
    windowsPods: { count: 100, cpuMillicores: 10, memoryMiB: 32 },
    ...over,
  };
}

function failure(over: Partial<KarpenterWindowsPlanInput>): DomainError {
  try {
    toKarpenterWindowsRequest(input(over), known);
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a validation error');
}

describe('toKarpenterWindowsRequest: bad input says what to change', () => {
  it.each([
    {
      name: 'unknown family',
      over: { instanceTypes: [], instanceFamilies: ['zz9'] },
      field: 'instanceFamilies[0]',
      text: /not an instance family/,
    },
    { name: 'family that is not a family name', over: { instanceFamilies: ['M5'] }, field: 'instanceFamilies[0]', text: /like m5 or c6i/ },
    { name: 'unknown type', over: { instanceTypes: ['m5.huge'] }, field: 'instanceTypes[0]', text: /"m5\.huge" is not an instance type/ },
    { name: 'no types at all', over: { instanceTypes: [] }, field: 'instanceTypes', text: /instanceFamilies/ },
    {
      name: 'types and families null',
      over: { instanceTypes: null, instanceFamilies: null },
      field: 'instanceTypes',
      text: /instanceFamilies/,
    },
    {
      name: 'WS2025 on EKS 1.33',
      over: { windowsServerVersion: 'WINDOWS_SERVER_2025' },
      field: 'windowsServerVersion',
      text: /1\.35 or later.*WINDOWS_SERVER_2019 or WINDOWS_SERVER_2022/,
    },
    { name: 'WS2022 on EKS 1.22', over: { kubernetesVersion: '1.22' }, field: 'windowsServerVersion', text: /1\.23 or later/ },
    {
      name: 'Service CIDR with host bits',
      over: { serviceIpv4Cidr: '172.20.0.1/16' },
      field: 'serviceIpv4Cidr',
      text: /172\.20\.0\.0\/16/,
    },
    {
      name: 'Service CIDR that does not parse',
      over: { serviceIpv4Cidr: '172.300.0.0/16' },
      field: 'serviceIpv4Cidr',
      text: /not an IPv4 CIDR/,
    },
    { name: 'Service CIDR too large', over: { serviceIpv4Cidr: '10.0.0.0/8' }, field: 'serviceIpv4Cidr', text: /\/12 to \/24/ },
    {
      name: 'SNAT CIDR that does not parse',
      over: { excludedSnatCidrs: ['10.0.0.0/8', 'ten'] },
      field: 'excludedSnatCidrs[1]',
      text: /not an IPv4 CIDR/,
    },
    { name: 'bad Kubernetes version', over: { kubernetesVersion: '1.033' }, field: 'kubernetesVersion', text: /1\.NN/ },
    { name: 'bad cluster name', over: { clusterName: '9lives' }, field: 'clusterName', text: /EKS cluster name/ },
  ] as const)('$name', ({ over, field, text }) => {
    const e = failure(over as unknown as Partial<KarpenterWindowsPlanInput>);
    expect(e.code).toBe('VALIDATION_FAILED');
    expect(e.details).toMatchObject({ field });
    expect(e.message).toMatch(text);
  });

  it('too many types from the families', () => {
    const size = (f: string) => catalog().types.filter((t) => t.family === f).length;
    const largest = [...new Set(catalog().types.map((t) => t.family))].sort((a, b) => size(b) - size(a)).slice(0, 20);
    expect(largest.reduce((n, f) => n + size(f), 0)).toBeGreaterThan(200);
    const e = failure({ instanceTypes: [], instanceFamilies: largest });
    expect(e.details).toMatchObject({ field: 'instanceFamilies', rule: 'too-many-types' });
    expect(e.message).toMatch(/at most 200: list fewer families/);
  });
});

describe('toKarpenterWindowsRequest: what the core gets', () => {
  it('types first, then each family by name, each once; defaults for what was left out or null', () => {
    const r = toKarpenterWindowsRequest(
      input({
        kubernetesVersion: ' 1.33 ',
        instanceTypes: ['m5.xlarge', 'm5.xlarge'],
        instanceFamilies: ['m5'],
        servicesPerNode: null as never,
        serviceIpv4Cidr: null as never,
        excludedSnatCidrs: [' 10.0.0.0/8 '],
        kubeletMaxPods: null as never,
      }),
      known,
    );
    const m5 = catalog()
      .types.filter((t) => t.family === 'm5')
      .map((t) => t.name)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(r.types.map((t) => t.name)).toEqual(['m5.xlarge', ...m5.filter((n) => n !== 'm5.xlarge')]);
    expect(r.input).toMatchObject({
      kubernetesVersion: '1.33',
      instanceTypes: ['m5.xlarge', 'm5.xlarge'],
      instanceFamilies: ['m5'],
      servicesPerNode: 0,
      serviceIpv4Cidr: null,
      excludedSnatCidrs: ['10.0.0.0/8'],
      kubeletMaxPods: null,
    });
  });
});

describe('the validation pipe: shape and bounds, before toKarpenterWindowsRequest', () => {
  const pipe = new CachingValidationPipe();
  const meta = { type: 'body' as const, metatype: KarpenterWindowsPlanInputDto, data: undefined };

  it.each([
    ['negative pod count', { windowsPods: { count: -1, cpuMillicores: 0, memoryMiB: 0 } }, 'windowsPods.count'],
    ['fractional CPU request', { windowsPods: { count: 1, cpuMillicores: 0.5, memoryMiB: 0 } }, 'windowsPods.cpuMillicores'],
    ['no windowsPods', { windowsPods: undefined }, 'windowsPods'],
    ['unknown ipMode', { ipMode: 'BOTH' }, 'ipMode'],
    ['unknown Windows Server', { windowsServerVersion: 'WINDOWS_SERVER_2016' }, 'windowsServerVersion'],
    ['negative Services', { servicesPerNode: -1 }, 'servicesPerNode'],
    ['kubeletMaxPods 0', { kubeletMaxPods: 0 }, 'kubeletMaxPods'],
    ['too many SNAT CIDRs', { excludedSnatCidrs: Array.from({ length: 51 }, () => '10.0.0.0/8') }, 'excludedSnatCidrs'],
  ])('%s: VALIDATION_FAILED on %s', async (_name, over, field) => {
    const body = { ...input(), ...over } as Record<string, unknown>;
    const err = await pipe.transform(body, meta).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    const e = err as DomainError;
    expect(e.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect((e.details as { violations: { field: string }[] }).violations.map((v) => v.field)).toContain(field);
  });

  it('what the pipe accepts, the resolution takes', async () => {
    const dto = (await pipe.transform({ ...input(), ipMode: 'prefix-delegation' }, meta)) as KarpenterWindowsPlanInputDto;
    expect(toKarpenterWindowsRequest(dto, known).input.ipMode).toBe('PREFIX_DELEGATION');
  });
});
