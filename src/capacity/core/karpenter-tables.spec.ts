import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../common/project-path.js';
import { BUNDLED_LINUX_PRICES_SOURCE, getBundledLinuxPrices } from './instance-prices.js';
import { countNewerVpcLimits, getNewerVpcLimit, KARPENTER_VPC_LIMITS_SOURCE, resolveVpcLimit } from './vpc-resource-controller-limits.js';

function readTsv(...segments: string[]): Record<string, string>[] {
  const [header, ...lines] = readFileSync(projectPath('..', 'shared', 'data', ...segments), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const cols = header.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

describe('Karpenter tables (aws/karpenter-provider-aws, commit 1d927085)', () => {
  it('the newer VPC limits knows every row of karpenter/vpc-limits.tsv, with the same figures', () => {
    const rows = readTsv('karpenter', 'vpc-limits.tsv');
    expect(countNewerVpcLimits()).toBe(rows.length);
    expect(KARPENTER_VPC_LIMITS_SOURCE).toMatchObject({ generated: '2026-08-06', rows: 1401 });
    const wrong = rows.filter((r) => {
      const l = getNewerVpcLimit(r.instance_type);
      return (
        !l ||
        l.ipv4PerInterface !== Number(r.ipv4_per_interface) ||
        l.maxInterfaces !== Number(r.max_interfaces) ||
        l.hypervisor !== r.hypervisor ||
        l.isBareMetal !== (r.is_bare_metal === 'true') ||
        l.branchInterfaces !== Number(r.branch_interfaces)
      );
    });
    expect(wrong).toEqual([]);
  });

  it.each([
    ['m5.large', 'VPCRC_PUBLIC'], // in both: the public table answers
    ['c8ib.large', 'KARPENTER_NEWER'], // only in the newer copy
    ['hpc7a.12xlarge', undefined], // in neither
  ])('%s resolves to %s', (type, table) => {
    expect(resolveVpcLimit(type)?.table).toBe(table);
  });

  it('the bundled Linux prices are karpenter/on-demand-linux-prices.tsv, us-east-1, read 2026-07-20', () => {
    const rows = readTsv('karpenter', 'on-demand-linux-prices.tsv');
    const prices = getBundledLinuxPrices('us-east-1')!;
    expect(prices.size).toBe(rows.length);
    for (const r of rows) expect(prices.get(r.instance_type)?.usdPerHour).toBe(Number(r.usd_per_hour));
    expect(prices.get('m5.large')).toMatchObject({ os: 'LINUX', region: 'us-east-1', readAt: '2026-07-20' });
    expect(BUNDLED_LINUX_PRICES_SOURCE.regions).toEqual(['us-east-1']);
    expect(getBundledLinuxPrices('eu-west-1')).toBeUndefined();
  });

  it('the checked-in tables are exactly what scripts/generate-karpenter-tables.mjs makes (never hand-edited)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'karpenter-'));
    try {
      execFileSync(process.execPath, [
        projectPath('scripts', 'generate-karpenter-tables.mjs'),
        projectPath('..', 'shared', 'data', 'karpenter'),
        dir,
      ]);
      for (const f of ['karpenter-vpc-limits.generated.ts', 'bundled-linux-prices.generated.ts']) {
        expect(readFileSync(join(dir, f), 'utf8')).toBe(readFileSync(projectPath('src', 'capacity', 'core', f), 'utf8'));
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
