import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../common/project-path.js';
import { countVpcResourceControllerLimits, getVpcResourceControllerLimit, VPCRC_LIMITS_SOURCE } from './vpc-resource-controller-limits.js';

describe('VPCRC limits (VPCRC pkg/aws/vpc/limits.go, commit b8d42511)', () => {
  it('knows the 1,164 types of limits.tsv', () => {
    expect(countVpcResourceControllerLimits()).toBe(1164);
    expect(VPCRC_LIMITS_SOURCE).toMatchObject({ commit: 'b8d42511', generated: '2026-03-20', license: 'Apache-2.0' });
  });

  it.each([
    [
      'm5.large',
      { ipv4PerInterface: 10, maxInterfaces: 3, isTrunkingCompatible: true, branchInterfaces: 9, hypervisor: 'nitro', isBareMetal: false },
    ],
    [
      'm5.metal',
      { ipv4PerInterface: 50, maxInterfaces: 15, isTrunkingCompatible: true, branchInterfaces: 120, hypervisor: '', isBareMetal: true },
    ],
    ['t3.xlarge', { ipv4PerInterface: 15, isTrunkingCompatible: false, branchInterfaces: 0 }],
  ])('%s', (type, expected) => {
    expect(getVpcResourceControllerLimit(type)).toMatchObject(expected);
  });

  it('has no row for a type newer than the table (c8ib.large)', () => {
    expect(getVpcResourceControllerLimit('c8ib.large')).toBeUndefined();
  });

  it('the checked-in table is exactly what scripts/generate-vpcrc-limits.mjs makes from limits.tsv (never hand-edited)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vpcrc-'));
    try {
      const out = join(dir, 'limits.generated.ts');
      execFileSync(process.execPath, [
        projectPath('scripts', 'generate-vpcrc-limits.mjs'),
        projectPath('..', 'shared', 'data', 'vpc-resource-controller', 'limits.tsv'),
        out,
      ]);
      expect(readFileSync(out, 'utf8')).toBe(
        readFileSync(projectPath('src', 'capacity', 'core', 'vpc-resource-controller-limits.generated.ts'), 'utf8'),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
