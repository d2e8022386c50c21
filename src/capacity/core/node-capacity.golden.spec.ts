import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../../common/project-path.js';
import { catalog } from './capacity.test-fixtures.js';
import { computeNodeCapacity } from './node-capacity.js';

function readTsv(...segments: string[]): Record<string, string>[] {
  const [header, ...lines] = readFileSync(projectPath('..', 'shared', 'data', ...segments), 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '');
  const cols = header.split('\t');
  return lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [cols[i], v])));
}

describe('golden: the whole bundled catalog', () => {
  const types = catalog().types;
  const vpcrc = new Map(readTsv('vpc-resource-controller', 'limits.tsv').map((r) => [r.instance_type, r]));
  const published = new Map(
    readTsv('published', 'linux-eni-max-pods.tsv').map((r) => [r.instance_type, Number(r.max_pods)]),
  );

  it('has the 1,373 bundled types', () => {
    expect(types.length).toBe(1373);
  });

  it('Windows secondary W = I - 1 and PD (I - 1) * 16 from VPCRC limits.tsv; types absent there get 0 (VPCRC pkg/aws/vpc/limits.go)', () => {
    const wrong: string[] = [];
    let absent = 0;
    for (const t of types) {
      const row = vpcrc.get(t.name);
      const i = row ? Number(row.ipv4_per_interface) : 0;
      const prefixOk = row ? row.hypervisor === 'nitro' || row.is_bare_metal === 'true' : false;
      if (!row) absent++;
      const expectedSecondary = row ? i - 1 : 0;
      // PD on xen falls back to secondary-IP (BPG prefix-mode_windows), so W stays I - 1.
      const expectedPd = row ? (prefixOk ? (i - 1) * 16 : i - 1) : 0;
      const s = computeNodeCapacity({ instanceType: t, os: 'WINDOWS', ipMode: 'SECONDARY_IP' });
      const p = computeNodeCapacity({ instanceType: t, os: 'WINDOWS', ipMode: 'PREFIX_DELEGATION', kubeletMaxPods: 100_000 });
      if (s.ipLimitedPods !== expectedSecondary) wrong.push(`${t.name} secondary ${s.ipLimitedPods} != ${expectedSecondary}`);
      if (p.ipLimitedPods !== expectedPd) wrong.push(`${t.name} PD ${p.ipLimitedPods} != ${expectedPd}`);
      // What schedules: min(kubelet, W), or 0 where Windows cannot run (arm64, Mac).
      const windowsOk = t.architectures.includes('x86_64');
      expect(s.maxPods).toBe(windowsOk ? Math.min(110, expectedSecondary) : 0);
    }
    expect(wrong).toEqual([]);
    // 217 bundled types (8th/9th gen such as c8ib, c8gn, c9g) are newer than the VPCRC table of 2026-03-20.
    expect(absent).toBe(217);
  });

  it('Linux secondary-IP ipLimitedPods equals VPCCNI misc/eni-max-pods.txt for every type in both', () => {
    const wrong: string[] = [];
    let compared = 0;
    for (const t of types) {
      const expected = published.get(t.name);
      if (expected === undefined) continue;
      compared++;
      const r = computeNodeCapacity({ instanceType: t, os: 'LINUX', ipMode: 'SECONDARY_IP', applyRecommendedCap: false });
      if (r.ipLimitedPods !== expected) wrong.push(`${t.name}: ${r.formula.join('; ')} != ${expected}`);
    }
    // Every bundled type is in the published table (1,391 rows; its 18 extra rows are types the moto
    // snapshot lacks), and E * (I - 1) + 2 with E from the default network card reproduces all of them:
    // no row needed an explanation.
    expect(compared).toBe(1373);
    expect(wrong).toEqual([]);
  });
});
