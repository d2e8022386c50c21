import { describe, expect, it } from 'vitest';
import { computeWarmPool, type WarmPoolTargets } from './warm-pool.js';

// '-' in the docs' tables = not set (undefined here).
const u = undefined;

describe('Windows secondary-IP warm pool: VPCRC docs/windows/secondary_ip_mode_config_options.md', () => {
  // Rule: allocated = min(W, max(pods + warm, minimum)); warm 0 means 1. W = 29 here (I = 30) so no row is capped.
  it.each([
    // warm, minimum, pods, total allocated, warm IPs
    [1, 0, 0, 1, 1], // max(0 + 1, 0) = 1
    [1, 0, 5, 6, 1], // max(5 + 1, 0) = 6
    [5, 0, 0, 5, 5], // max(0 + 5, 0) = 5
    [1, 1, 0, 1, 1], // max(1, 1) = 1
    [1, 1, 1, 2, 1], // max(2, 1) = 2
    [1, 3, 3, 4, 1], // max(4, 3) = 4
    [1, 3, 5, 6, 1], // max(6, 3) = 6
    [5, 10, 0, 10, 10], // max(5, 10) = 10
    [10, 10, 0, 10, 10], // max(10, 10) = 10
    [10, 10, 10, 20, 10], // max(20, 10) = 20
    [15, 10, 10, 25, 15], // max(25, 10) = 25
  ])('warm %i, minimum %i, %i pods -> %i IPs, %i warm', (warm, min, pods, total, unused) => {
    const r = computeWarmPool({
      os: 'WINDOWS',
      ipMode: 'SECONDARY_IP',
      ipv4PerInterface: 30,
      podEnis: 1,
      pods,
      targets: { warmIpTarget: warm, minimumIpTarget: min },
    });
    expect(r.secondaryIps).toBe(total);
    expect(r.unusedIps).toBe(unused);
    expect(r.subnetIps).toBe(total + 1); // + the node's primary IP
  });

  it('defaults warm 3, minimum 3; warm 0 means 1; capped at W (VPCRC secondary doc)', () => {
    const base = { os: 'WINDOWS', ipMode: 'SECONDARY_IP', ipv4PerInterface: 10, podEnis: 1 } as const;
    expect(computeWarmPool({ ...base, pods: 0 }).secondaryIps).toBe(3); // max(0 + 3, 3) = 3
    expect(computeWarmPool({ ...base, pods: 5 }).secondaryIps).toBe(8); // max(5 + 3, 3) = 8
    expect(computeWarmPool({ ...base, pods: 8 }).secondaryIps).toBe(9); // min(9, max(11, 3)) = 9
    expect(computeWarmPool({ ...base, pods: 2, targets: { warmIpTarget: 0, minimumIpTarget: 0 } }).secondaryIps).toBe(3); // warm 0 -> 1: 2 + 1
  });
});

describe('Windows PD warm pool: VPCRC docs/windows/prefix_delegation_config_options.md', () => {
  // Rule: prefixes = min(I - 1, ceil(max(pods + warmIP, minIP) / 16)), defaults warm 1, minimum 3;
  // with only warm-prefix-target: ceil(pods / 16) + warmPrefix. I = 15 here (14 prefix slots).
  it.each([
    // warm-prefix, warm-ip, minimum-ip, pods, attached prefixes, unused IPs
    [u, u, u, 0, 1, 16], // ceil(max(0 + 1, 3) / 16) = 1
    [u, u, u, 15, 1, 1], // ceil(max(16, 3) / 16) = 1
    [u, u, u, 16, 2, 16], // ceil(17 / 16) = 2
    [1, u, u, 0, 1, 16], // ceil(0 / 16) + 1 = 1
    [3, u, u, 0, 3, 48], // 0 + 3 = 3
    [1, u, u, 5, 2, 27], // ceil(5 / 16) + 1 = 2
    [1, u, u, 17, 3, 31], // ceil(17 / 16) + 1 = 3
    [u, u, 1, 0, 1, 16], // warm defaults to 1: ceil(max(1, 1) / 16) = 1
    [u, u, 1, 5, 1, 11], // ceil(6 / 16) = 1
    [u, u, 1, 15, 1, 1], // ceil(16 / 16) = 1
    [u, u, 1, 16, 2, 16], // ceil(17 / 16) = 2
    [u, 5, u, 0, 1, 16], // minimum defaults to 3: ceil(max(5, 3) / 16) = 1
    [u, 5, u, 5, 1, 11], // ceil(10 / 16) = 1
    [u, 5, u, 11, 1, 5], // ceil(16 / 16) = 1
    [u, 5, u, 12, 2, 20], // ceil(17 / 16) = 2
    [u, 1, 1, 0, 1, 16], // ceil(1 / 16) = 1
    [u, 1, 1, 5, 1, 11], // ceil(6 / 16) = 1
    [u, 1, 1, 17, 2, 15], // ceil(18 / 16) = 2
    [u, 3, 1, 14, 2, 18], // ceil(17 / 16) = 2
    [u, 7, 20, 0, 2, 32], // ceil(max(7, 20) / 16) = 2: a minimum above 16 acts as 32
    [u, 7, 20, 5, 2, 27], // ceil(20 / 16) = 2
    [u, 7, 20, 17, 2, 15], // ceil(24 / 16) = 2
    [u, 7, 20, 26, 3, 22], // ceil(33 / 16) = 3
  ])('warm-prefix %s, warm-ip %s, minimum-ip %s, %i pods -> %i prefixes, %i unused IPs', (wp, warm, min, pods, prefixes, unused) => {
    const r = computeWarmPool({
      os: 'WINDOWS',
      ipMode: 'PREFIX_DELEGATION',
      ipv4PerInterface: 15,
      podEnis: 1,
      pods,
      targets: { warmPrefixTarget: wp, warmIpTarget: warm, minimumIpTarget: min },
    });
    expect(r.prefixes).toBe(prefixes);
    expect(r.unusedIps).toBe(unused);
    expect(r.subnetIps).toBe(1 + 16 * prefixes);
  });

  it.each([
    // warm-prefix, warm-ip, minimum-ip, pods, attached prefixes, why
    [2, 0, u, 20, 4, 'warm-ip 0 is unset: warm-prefix-target governs, ceil(20 / 16) + 2'],
    [2, 0, 0, 0, 2, 'both IP targets 0: warm-prefix-target governs, 0 + 2'],
    [2, u, 0, 17, 4, 'minimum 0 is unset: ceil(17 / 16) + 2'],
    [u, 0, 20, 32, 3, 'warm-ip 0 reads as 1: ceil(max(32 + 1, 20) / 16) = 3, not ceil(32 / 16) = 2'],
    [2, 0, 20, 32, 3, 'a minimum above 0 overrides warm-prefix-target, and warm-ip 0 reads as 1'],
  ])(
    'a target counts only above 0 (aws/amazon-vpc-resource-controller-k8s pkg/pool/pool.go getPDDeviation): warm-prefix %s, warm-ip %s, minimum-ip %s, %i pods -> %i prefixes (%s)',
    (wp, warm, min, pods, prefixes, _why) => {
      const r = computeWarmPool({
        os: 'WINDOWS',
        ipMode: 'PREFIX_DELEGATION',
        ipv4PerInterface: 15,
        podEnis: 1,
        pods,
        targets: { warmPrefixTarget: wp, warmIpTarget: warm, minimumIpTarget: min },
      });
      expect(r.prefixes).toBe(prefixes);
      expect(r.subnetIps).toBe(1 + 16 * prefixes);
      expect(r.warnings.map((w) => w.code)).toEqual(['WARM_IP_COOLDOWN', 'WARM_POOL_TARGET_ADJUSTED']);
      expect(r.warnings[1]!.source).toContain('pkg/pool/pool.go');
    },
  );

  it('caps at I - 1 prefixes: 14 slots with warm-prefix-target 20 gives 14 (VPCRC PD doc)', () => {
    const r = computeWarmPool({
      os: 'WINDOWS',
      ipMode: 'PREFIX_DELEGATION',
      ipv4PerInterface: 15,
      podEnis: 1,
      pods: 0,
      targets: { warmPrefixTarget: 20 },
    });
    expect(r.prefixes).toBe(14);
  });
});

describe('Linux secondary-IP warm pool: VPCCNI docs/eni-and-ip-target.md', () => {
  // WARM_ENI_TARGET: ENIs = min(E, max(1, ceil(pods / (I - 1)) + warmENI)), all I - 1 IPs on each.
  // WARM_IP_TARGET/MINIMUM_IP_TARGET: IPs = min(E * (I - 1), max(pods + warm, min)), ENIs = ceil(IPs / (I - 1)).
  // t3.small: I = 4, E = 3 (3 slots each); p3dn.24xlarge: I = 50, E = 15 (49 slots).
  it.each([
    // type, I, E, WARM_ENI, WARM_IP, MIN_IP, pods, ENIs, secondary IPs, unused
    ['t3.small', 4, 3, 1, u, u, 0, 1, 3, 3], // max(1, 0 + 1) = 1 ENI, 1 * 3
    ['t3.small', 4, 3, 1, u, u, 5, 3, 9, 4], // ceil(5 / 3) + 1 = 3
    ['t3.small', 4, 3, 1, u, u, 9, 3, 9, 0], // min(3, 3 + 1) = 3
    ['t3.small', 4, 3, u, 1, 1, 0, 1, 1, 1], // max(0 + 1, 1) = 1 IP, 1 ENI
    ['t3.small', 4, 3, u, 1, 1, 5, 2, 6, 1], // max(6, 1) = 6, ceil(6 / 3) = 2
    ['t3.small', 4, 3, u, 1, 1, 9, 3, 9, 0], // min(9, 10) = 9
    ['t3.small', 4, 3, u, 2, 5, 0, 2, 5, 5], // max(2, 5) = 5, ceil(5 / 3) = 2
    ['t3.small', 4, 3, u, 2, 5, 5, 3, 7, 2], // max(7, 5) = 7, ceil(7 / 3) = 3
    ['t3.small', 4, 3, u, 2, 5, 9, 3, 9, 0], // min(9, 11) = 9
    ['p3dn.24xlarge', 50, 15, 1, u, u, 0, 1, 49, 49], // 1 ENI * 49
    ['p3dn.24xlarge', 50, 15, 1, u, u, 3, 2, 98, 95], // ceil(3 / 49) + 1 = 2
    ['p3dn.24xlarge', 50, 15, 1, u, u, 95, 3, 147, 52], // ceil(95 / 49) + 1 = 3
    ['p3dn.24xlarge', 50, 15, u, 5, 10, 0, 1, 10, 10], // max(5, 10) = 10
    ['p3dn.24xlarge', 50, 15, u, 5, 10, 7, 1, 12, 5], // max(12, 10) = 12
    ['p3dn.24xlarge', 50, 15, u, 5, 10, 15, 1, 20, 5], // max(20, 10) = 20
    ['p3dn.24xlarge', 50, 15, u, 5, 10, 45, 2, 50, 5], // max(50, 10) = 50, ceil(50 / 49) = 2 (49,1)
  ])(
    '%s I=%i E=%i WARM_ENI %s WARM_IP %s MIN_IP %s, %i pods -> %i ENIs, %i IPs, %i unused',
    (_t, i, e, warmEni, warm, min, pods, enis, ips, unused) => {
      const targets: WarmPoolTargets = { warmEniTarget: warmEni, warmIpTarget: warm, minimumIpTarget: min };
      const r = computeWarmPool({ os: 'LINUX', ipMode: 'SECONDARY_IP', ipv4PerInterface: i, podEnis: e, pods, targets });
      expect(r.enis).toBe(enis);
      expect(r.secondaryIps).toBe(ips);
      expect(r.unusedIps).toBe(unused);
      expect(r.subnetIps).toBe(enis + ips); // each ENI's primary IP also comes from the subnet
    },
  );
});

describe('Linux PD warm pool: VPCCNI docs/prefix-and-ip-target.md', () => {
  // WARM_PREFIX_TARGET: prefixes = ceil(pods / 16) + warmPrefix; WARM_IP/MINIMUM: ceil(max(pods + warm, min) / 16);
  // ENIs = ceil(prefixes / (I - 1)) ("New ENI will only be allocated after we exhaust all the prefixes
  // allocated to existing ENIs", same doc).
  it.each([
    // type, I, E, WARM_PREFIX, WARM_IP, MIN_IP, pods, ENIs, prefixes, unused IPs, note
    ['t3.small', 4, 3, 1, u, u, 0, 1, 1, 16, ''], // 0 + 1
    ['t3.small', 4, 3, 1, u, u, 5, 1, 2, 27, ''], // 1 + 1
    ['t3.small', 4, 3, 1, u, u, 16, 1, 2, 16, ''], // 1 + 1
    ['t3.small', 4, 3, 1, u, u, 17, 1, 3, 31, ''], // 2 + 1
    ['t3.small', 4, 3, 1, u, u, 58, 2, 5, 22, ''], // 4 + 1 = 5 prefixes on ceil(5 / 3) = 2 ENIs (3,2)
    ['t3.small', 4, 3, u, 1, 1, 0, 1, 1, 16, ''], // ceil(max(1, 1) / 16) = 1
    ['t3.small', 4, 3, u, 1, 1, 5, 1, 1, 11, ''], // ceil(6 / 16) = 1
    ['t3.small', 4, 3, u, 1, 1, 17, 1, 2, 15, ''], // ceil(18 / 16) = 2
    ['t3.small', 4, 3, u, 1, 1, 58, 2, 4, 6, ''], // ceil(59 / 16) = 4 (3,1)
    // The doc's row says "Attached Prefixes 1 ... Unused IPs 16" yet, in the same row, "Pod per Prefixes 0,0" and
    // "Prefixes per ENI 2": it contradicts itself. Its own rule (MINIMUM_IP_TARGET 20 > 16 acts as 32) and the
    // VPCRC Windows table's identical row (7, 20, 0 pods -> 2 prefixes, 32 unused IPs) give 2 prefixes.
    ['t3.small', 4, 3, u, 7, 20, 0, 1, 2, 32, 'doc row self-contradictory: 1 vs 0,0 / 2 prefixes'],
    ['t3.small', 4, 3, u, 7, 20, 5, 1, 2, 27, ''], // ceil(max(12, 20) / 16) = 2
    ['t3.small', 4, 3, u, 7, 20, 17, 1, 2, 15, ''], // ceil(24 / 16) = 2
    ['t3.small', 4, 3, u, 7, 20, 58, 2, 5, 22, ''], // ceil(65 / 16) = 5 (3,2)
    // p3dn.24xlarge rows: prefixes and unused IPs match the rule; the doc's ENI column lists an extra ENI with no
    // prefixes (2: "3,0"/"2,0"; 3: "95,0,0"/"7,0,0"; 2: "45,0"/"4,0"), the same ENI counts as the secondary-IP
    // table, while the t3.small rows of the same table attach no empty ENI and the doc's text says a new ENI is
    // allocated only once the existing ENIs' prefixes are exhausted. We follow the text: 1 ENI holds 49 prefixes.
    ['p3dn.24xlarge', 50, 15, 1, u, u, 0, 1, 1, 16, ''], // 0 + 1
    ['p3dn.24xlarge', 50, 15, 1, u, u, 3, 1, 2, 29, 'doc lists 2 ENIs (2,0)'], // 1 + 1
    ['p3dn.24xlarge', 50, 15, 1, u, u, 95, 1, 7, 17, 'doc lists 3 ENIs (7,0,0)'], // 6 + 1
    ['p3dn.24xlarge', 50, 15, u, 5, 10, 0, 1, 1, 16, ''], // ceil(10 / 16) = 1
    ['p3dn.24xlarge', 50, 15, u, 5, 10, 7, 1, 1, 9, ''], // ceil(12 / 16) = 1
    ['p3dn.24xlarge', 50, 15, u, 5, 10, 15, 1, 2, 17, ''], // ceil(20 / 16) = 2
    ['p3dn.24xlarge', 50, 15, u, 5, 10, 45, 1, 4, 19, 'doc lists 2 ENIs (4,0)'], // ceil(50 / 16) = 4
  ] as [string, number, number, number | undefined, number | undefined, number | undefined, number, number, number, number, string][])(
    '%s I=%i E=%i WARM_PREFIX %s WARM_IP %s MIN_IP %s, %i pods -> %i ENIs, %i prefixes, %i unused %s',
    (_t, i, e, wp, warm, min, pods, enis, prefixes, unused) => {
      const targets: WarmPoolTargets = { warmPrefixTarget: wp, warmIpTarget: warm, minimumIpTarget: min };
      const r = computeWarmPool({ os: 'LINUX', ipMode: 'PREFIX_DELEGATION', ipv4PerInterface: i, podEnis: e, pods, targets });
      expect(r.prefixes).toBe(prefixes);
      expect(r.unusedIps).toBe(unused);
      expect(r.enis).toBe(enis);
      expect(r.subnetIps).toBe(enis + 16 * prefixes);
    },
  );

  it('refuses zero targets under PD (VPCCNI docs/prefix-and-ip-target.md: not supported)', () => {
    const base = { os: 'LINUX', ipMode: 'PREFIX_DELEGATION', ipv4PerInterface: 4, podEnis: 3, pods: 0 } as const;
    expect(() => computeWarmPool({ ...base, targets: { warmPrefixTarget: 0 } })).toThrow(/not supported/);
    expect(() => computeWarmPool({ ...base, targets: { warmIpTarget: 0, minimumIpTarget: 0 } })).toThrow(/not supported/);
  });
});
