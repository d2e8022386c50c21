import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../common/project-path.js';
import { mapInstanceTypeRecord, type RawInstanceTypeRecord } from './instance-type.mapper.js';
import { readBundledSnapshot, SNAPSHOT_DIR, SNAPSHOT_FILE } from '../bundled-catalog.js';
import { parseBundledSnapshot } from './snapshot.js';

// The upstream records the bundled table is written from (getmoto/moto moto/ec2/resources/).
const ec2Data = projectPath('..', 'shared', 'data', 'ec2');
const upstream = JSON.parse(readFileSync(join(ec2Data, 'instance-types.json'), 'utf8')) as Record<string, RawInstanceTypeRecord>;
const offeredIn = new Map<string, string[]>();
for (const file of readdirSync(join(ec2Data, 'offerings')).sort()) {
  for (const { InstanceType } of JSON.parse(readFileSync(join(ec2Data, 'offerings', file), 'utf8')) as Array<{ InstanceType: string }>) {
    offeredIn.set(InstanceType, [...(offeredIn.get(InstanceType) ?? []), file.replace(/\.json$/, '')]);
  }
}

describe('the bundled catalog (src/catalog/snapshot/instance-types.tsv)', () => {
  const bundled = readBundledSnapshot();
  const tmp = mkdtempSync(join(tmpdir(), 'planner-snapshot-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it('holds every upstream type once, and the 30 regions', () => {
    expect(bundled.types.map((t) => t.name)).toEqual(Object.keys(upstream).sort());
    expect(bundled.regions).toHaveLength(30);
    expect(bundled.regions).toContain('us-east-1');
  });

  it('maps every row to exactly the facts of its upstream DescribeInstanceTypes record, with its offerings', () => {
    for (const t of bundled.types) {
      const { regions, ...facts } = t;
      expect(facts, t.name).toEqual(mapInstanceTypeRecord(upstream[t.name]!));
      expect(regions, t.name).toEqual(offeredIn.get(t.name) ?? []);
    }
  });

  it('is what scripts/generate-catalog-snapshot.mjs writes from the upstream data today (nobody edited it by hand)', () => {
    const out = join(tmp, SNAPSHOT_FILE);
    execFileSync(process.execPath, [projectPath('scripts', 'generate-catalog-snapshot.mjs'), ec2Data, out]);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(SNAPSHOT_DIR, SNAPSHOT_FILE), 'utf8'));
  });

  it('carries its provenance: source repository, commit and date', () => {
    const head = readFileSync(join(SNAPSHOT_DIR, SNAPSHOT_FILE), 'utf8').split('\n').slice(0, 5).join('\n');
    expect(head).toContain('getmoto/moto');
    expect(head).toContain('commit 0af643a5');
    expect(head).toContain('2026-08-02');
  });

  it.each([
    ['a header that is not the expected one', 'name\tother\n', /unexpected header/],
    ['no header at all', '# comment only\n', /no header/],
  ])('refuses %s', (_name, text, error) => {
    expect(() => parseBundledSnapshot(text)).toThrow(error);
  });
});
