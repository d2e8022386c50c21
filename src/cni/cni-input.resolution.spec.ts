import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { readBundledSnapshot } from '../catalog/bundled-catalog.js';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { CachingValidationPipe } from '../common/validation-pipe.js';
import { lin, win } from './core/cni.test-fixtures.js';
import type { CniRecommendationInput } from './core/index.js';
import { toCniPlan } from './cni-input.resolution.js';
import { CniRecommendationInputDto } from './cni-recommendation.input.js';

// The edge's one validation of a CNI request: the pipe checks shape and bounds, toCniPlan the rest
// (formats, uniqueness, cross-field rules, known instance types); the core checks nothing again.

const byName = new Map(readBundledSnapshot().types.map((t) => [t.name, t]));
const lookup = (name: string) => {
  const t = byName.get(name);
  if (!t) throw new DomainError(ErrorCode.INSTANCE_TYPE_NOT_FOUND, `no instance type ${name}`);
  return t;
};

const base = (over: Partial<CniRecommendationInput> = {}): CniRecommendationInput => ({
  kubernetesVersion: '1.31',
  nodeGroups: [win(), lin()],
  windowsPods: 15,
  linuxPods: 20,
  ...over,
});

function thrownBy(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DomainError);
    return err as DomainError;
  }
  throw new Error('nothing was thrown');
}

describe('toCniPlan: what the pipe cannot check', () => {
  const bad: Array<[string, CniRecommendationInput, string, string]> = [
    [
      'subnet /33',
      base({ nodeGroups: [win({ subnetCidrs: ['10.0.0.0/33'] }), lin()] }),
      'nodeGroups[0].subnetCidrs[0]',
      'subnet-prefix-length',
    ],
    ['malformed CIDR', base({ nodeGroups: [win({ subnetCidrs: ['10.0.0/24'] }), lin()] }), 'nodeGroups[0].subnetCidrs[0]', 'cidr-format'],
    [
      'CIDR with host bits',
      base({ nodeGroups: [win(), lin({ subnetCidrs: ['10.0.1.0/24', '10.0.2.1/24'] })] }),
      'nodeGroups[1].subnetCidrs[1]',
      'cidr-aligned',
    ],
    ['no subnets', base({ nodeGroups: [win({ subnetCidrs: [] }), lin()] }), 'nodeGroups[0].subnetCidrs', 'non-empty'],
    [
      'unknown instance type',
      base({ nodeGroups: [win({ instanceType: 'm99.huge' }), lin()] }),
      'nodeGroups[0].instanceType',
      'known-instance-type',
    ],
    ['blank instance type', base({ nodeGroups: [win({ instanceType: '  ' }), lin()] }), 'nodeGroups[0].instanceType', 'non-empty'],
    ['bad Kubernetes version', base({ kubernetesVersion: '1.31.2' }), 'kubernetesVersion', 'kubernetes-version'],
    ['Kubernetes 2.x', base({ kubernetesVersion: '2.0' }), 'kubernetesVersion', 'kubernetes-version'],
    ['no node groups', base({ nodeGroups: [] }), 'nodeGroups', 'non-empty'],
    ['blank name', base({ nodeGroups: [win({ name: ' ' }), lin()] }), 'nodeGroups[0].name', 'non-empty'],
    ['duplicate names', base({ nodeGroups: [win(), win()] }), 'nodeGroups[1].name', 'unique'],
    ['duplicate names once trimmed', base({ nodeGroups: [win({ name: 'a ' }), lin({ name: ' a' })] }), 'nodeGroups[1].name', 'unique'],
    ['Windows pods without a Windows group', base({ nodeGroups: [lin()] }), 'windowsPods', 'needs-node-group'],
    ['Linux pods without a Linux group', base({ nodeGroups: [win()] }), 'linuxPods', 'needs-node-group'],
    ['Service CIDR /8', base({ serviceIpv4Cidr: '10.0.0.0/8' }), 'serviceIpv4Cidr', 'service-cidr-prefix-length'],
    ['Service CIDR with host bits', base({ serviceIpv4Cidr: '172.20.0.1/16' }), 'serviceIpv4Cidr', 'cidr-aligned'],
    ['Service CIDR not a CIDR', base({ serviceIpv4Cidr: 'ten' }), 'serviceIpv4Cidr', 'cidr-format'],
    [
      'Service CIDR outside the private blocks',
      base({ serviceIpv4Cidr: '100.64.0.0/16' }),
      'serviceIpv4Cidr',
      'service-cidr-private-range',
    ],
    [
      'Windows Server version on a Linux group',
      base({ nodeGroups: [win(), lin({ windowsServerVersion: 'WINDOWS_SERVER_2022' })] }),
      'nodeGroups[1].windowsServerVersion',
      'windows-only',
    ],
    ['no subnet allocations', base({ subnetAllocations: [] }), 'subnetAllocations', 'non-empty'],
    [
      'overlapping subnets across groups',
      base({ nodeGroups: [win(), lin({ subnetCidrs: ['10.0.0.0/25'] })] }),
      'nodeGroups[1].subnetCidrs[0]',
      'cidr-overlap',
    ],
    [
      'a subnet twice in one group',
      base({ nodeGroups: [win({ subnetCidrs: ['10.0.0.0/24', '10.0.0.0/24'] }), lin()] }),
      'nodeGroups[0].subnetCidrs[1]',
      'cidr-overlap',
    ],
  ];
  it.each(bad.map(([name, input, field, rule]) => ({ name, input, field, rule })))(
    '$name -> VALIDATION_FAILED on $field',
    ({ input, field, rule }) => {
      const e = thrownBy(() => toCniPlan(input, lookup));
      expect(e.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect(e.details).toEqual({ field, rule });
    },
  );

  it('accepts the same subnet in several groups: one shared subnet', () => {
    const plan = toCniPlan(base({ nodeGroups: [win(), win({ name: 'windows-b' }), lin()] }), lookup);
    expect(plan.nodeGroups.map((g) => g.subnetCidrs)).toEqual([['10.0.0.0/24'], ['10.0.0.0/24'], ['10.0.1.0/24']]);
  });

  it('treats a lookup that returns undefined like one that throws', () => {
    expect(() => toCniPlan(base(), () => undefined)).toThrow(/unknown instance type/);
  });

  it('names what the catalog said about an unknown type', () => {
    expect(thrownBy(() => toCniPlan(base({ nodeGroups: [win({ instanceType: 'm99.huge' }), lin()] }), lookup)).message).toBe(
      'unknown instance type "m99.huge": no instance type m99.huge',
    );
  });

  it('pods need no node group of their OS off EC2 (the platform brings its capacity)', () => {
    expect(toCniPlan(base({ platform: 'FARGATE', nodeGroups: [lin()] }), lookup).nodeGroups).toHaveLength(1);
  });

  it('empty subnet allocations are ignored when subnetsFragmented is given', () => {
    expect(toCniPlan(base({ subnetsFragmented: true, subnetAllocations: [] }), lookup).subnetsFragmented).toBe(true);
  });

  it('hands the core plain data: facts for names, trimmed names and versions, normalized CIDRs, the parsed Service CIDR', () => {
    const plan = toCniPlan(
      base({
        kubernetesVersion: ' 1.31 ',
        nodeGroups: [
          win({
            name: ' windows ',
            instanceType: ' m5.large ',
            subnetCidrs: [' 10.0.0.0/24 '],
            windowsServerVersion: 'WINDOWS_SERVER_2022',
          }),
          lin({ windowsServerVersion: null as never, podChurnPer30s: null as never }),
        ],
        serviceIpv4Cidr: '172.20.0.0/16',
      }),
      lookup,
    );
    expect(plan.kubernetesVersion).toBe('1.31');
    expect(plan.nodeGroups[0]).toEqual({
      name: 'windows',
      os: 'WINDOWS',
      facts: byName.get('m5.large'),
      nodes: 3,
      subnetCidrs: ['10.0.0.0/24'],
      windowsServerVersion: 'WINDOWS_SERVER_2022',
    });
    // Null optional fields are left out, as if never given.
    expect(Object.keys(plan.nodeGroups[1]).sort()).toEqual(['facts', 'name', 'nodes', 'os', 'subnetCidrs']);
    expect(plan.serviceCidr).toEqual({
      cidr: '172.20.0.0/16',
      network: 0xac140000,
      prefixLength: 16,
      size: 65_536,
      dnsClusterIp: '172.20.0.10',
    });
    expect(plan).not.toHaveProperty('serviceIpv4Cidr');
  });
});

describe('the validation pipe: shape and bounds, before toCniPlan', () => {
  const pipe = new CachingValidationPipe();
  const meta = { type: 'body' as const, metatype: CniRecommendationInputDto, data: undefined };

  const bad: Array<[string, CniRecommendationInput, string]> = [
    ['negative node count', base({ nodeGroups: [win(), lin({ nodes: -1 })] }), 'nodeGroups[1].nodes'],
    ['fractional node count', base({ nodeGroups: [win({ nodes: 1.5 }), lin()] }), 'nodeGroups[0].nodes'],
    ['negative Windows pods', base({ windowsPods: -3 }), 'windowsPods'],
    ['negative Services', base({ servicesPerWindowsNode: -1 }), 'servicesPerWindowsNode'],
    ['unknown OS', base({ nodeGroups: [win(), lin({ os: 'MACOS' as never })] }), 'nodeGroups[1].os'],
    ['unknown platform', base({ platform: 'LAMBDA' as never }), 'platform'],
    ['unknown IP family', base({ ipFamily: 'IPV5' as never }), 'ipFamily'],
    [
      'unknown Windows Server version',
      base({ nodeGroups: [win({ windowsServerVersion: 'WINDOWS_SERVER_2016' as never }), lin()] }),
      'nodeGroups[0].windowsServerVersion',
    ],
    ['negative churn', base({ nodeGroups: [win({ podChurnPer30s: -1 }), lin()] }), 'nodeGroups[0].podChurnPer30s'],
    ['unknown provisioner', base({ provisioner: 'CLOUDFORMATION' as never }), 'provisioner'],
    ['a needs flag that is not a boolean', base({ needs: { albIpTargets: 'yes' as never } }), 'needs.albIpTargets'],
    ['subnetsFragmented not a boolean', base({ subnetsFragmented: 1 as never }), 'subnetsFragmented'],
  ];
  it.each(bad.map(([name, input, field]) => ({ name, input, field })))(
    '$name -> VALIDATION_FAILED naming $field',
    async ({ input, field }) => {
      const err = await pipe.transform(input as unknown as Record<string, unknown>, meta).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(DomainError);
      const e = err as DomainError;
      expect(e.code).toBe(ErrorCode.VALIDATION_FAILED);
      expect((e.details as { violations: { field: string }[] }).violations.map((v) => v.field)).toContain(field);
    },
  );

  it('what the pipe accepts, toCniPlan resolves', async () => {
    const dto = (await pipe.transform(
      base({ provisioner: 'KARPENTER', needs: { albIpTargets: true } }),
      meta,
    )) as CniRecommendationInputDto;
    const plan = toCniPlan(dto, lookup);
    expect(plan.provisioner).toBe('KARPENTER');
    expect(plan.needs).toEqual({ albIpTargets: true });
    expect(plan.nodeGroups.map((g) => g.facts.name)).toEqual(['m5.large', 'm5.large']);
  });
});
