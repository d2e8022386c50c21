import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { projectPath } from '../../../src/common/project-path.js';

/** One `DescribeInstanceTypes` record, PascalCase, as in /work/shared/data/ec2/instance-types.json. */
export type Ec2InstanceTypeJson = { InstanceType: string } & Record<string, unknown>;

export type OptInStatus = 'opt-in-not-required' | 'opted-in' | 'not-opted-in';

/** The mutable world the fake serves. Tests may change it at any time (between or during fetches). */
export interface FakeEc2Data {
  /** Every known instance type, by name. */
  types: Map<string, Ec2InstanceTypeJson>;
  /** Region -> names of the types offered there (LocationType `region`). The keys are the regions. */
  offerings: Map<string, string[]>;
  /** Region -> opt-in status (regions missing here are `opt-in-not-required`). */
  optInStatus: Map<string, OptInStatus>;
}

export const DEFAULT_EC2_DATA_DIR = projectPath('..', 'shared', 'data', 'ec2');

/** Regions that AWS ships disabled (opt-in); the fake reports them as `opted-in` by default. */
export const OPT_IN_REGIONS: readonly string[] = [
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1',
];

interface RawFiles {
  types: Record<string, Ec2InstanceTypeJson>;
  offerings: Record<string, string[]>;
}

const fileCache = new Map<string, RawFiles>();

/** Reads (once per process and directory) the instance types and per-region offerings. */
export function readEc2DataFiles(dir: string = DEFAULT_EC2_DATA_DIR): RawFiles {
  const hit = fileCache.get(dir);
  if (hit) return hit;
  const types = JSON.parse(readFileSync(join(dir, 'instance-types.json'), 'utf8')) as Record<string, Ec2InstanceTypeJson>;
  const offerings: Record<string, string[]> = {};
  for (const file of readdirSync(join(dir, 'offerings'))
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const rows = JSON.parse(readFileSync(join(dir, 'offerings', file), 'utf8')) as Array<{ InstanceType: string }>;
    offerings[file.slice(0, -'.json'.length)] = rows.map((r) => r.InstanceType);
  }
  const raw = { types, offerings };
  fileCache.set(dir, raw);
  return raw;
}

export interface FakeEc2DataOptions {
  /** Directory with `instance-types.json` and `offerings/<region>.json` (default: the shared data). */
  dataDir?: string;
  /** Replaces the whole type catalog. */
  types?: Record<string, Ec2InstanceTypeJson>;
  /** Replaces all offerings; its keys become the region list. */
  offerings?: Record<string, string[]>;
  /** Overrides opt-in statuses (e.g. `{ 'af-south-1': 'not-opted-in' }`). */
  optInStatus?: Record<string, OptInStatus>;
  /** Last word: change the loaded data in place (add, change, remove types or regions). */
  mutate?: (data: FakeEc2Data) => void;
}

/** Builds a private deep copy of the data, so a test's changes never leak into another fake. */
export function buildFakeEc2Data(options: FakeEc2DataOptions = {}): FakeEc2Data {
  const needFiles = !options.types || !options.offerings;
  const files = needFiles ? readEc2DataFiles(options.dataDir) : undefined;
  const types = structuredClone(options.types ?? files!.types);
  const offerings = options.offerings ?? files!.offerings;
  const data: FakeEc2Data = {
    types: new Map(Object.entries(types)),
    offerings: new Map(Object.entries(offerings).map(([r, names]) => [r, [...names]])),
    optInStatus: new Map(),
  };
  for (const region of data.offerings.keys()) {
    data.optInStatus.set(region, OPT_IN_REGIONS.includes(region) ? 'opted-in' : 'opt-in-not-required');
  }
  for (const [region, status] of Object.entries(options.optInStatus ?? {})) data.optInStatus.set(region, status);
  options.mutate?.(data);
  return data;
}
