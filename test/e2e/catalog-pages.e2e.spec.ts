import { readFileSync, readdirSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectPath } from '../../src/common/project-path.js';
import type { InstanceTypeFilter as Filter } from '../../src/catalog/core/instance-type.filter.js';
import { allInstanceTypesOverRest, startTestApp, type TestApp } from '../support/test-app.js';

// instanceTypes pages are answered from the in-memory catalog. Over the real bundled catalog
// (1,373 types), paging through a filter with `first` and `after` must give exactly what the
// filter selects, computed twice without the service: from the EC2 records themselves, and by
// the SQL the pages used to run against instance_type.

// The upstream records the bundled catalog is written from (getmoto/moto moto/ec2/resources/).
const raw = JSON.parse(readFileSync(projectPath('..', 'shared', 'data', 'ec2', 'instance-types.json'), 'utf8')) as Record<string, any>;
const offeringsDir = projectPath('..', 'shared', 'data', 'ec2', 'offerings');
const regionsOf = new Map<string, Set<string>>();
for (const file of readdirSync(offeringsDir).filter((f) => f.endsWith('.json'))) {
  const region = file.slice(0, -'.json'.length);
  for (const o of JSON.parse(readFileSync(`${offeringsDir}/${file}`, 'utf8')) as Array<{ InstanceType: string }>) {
    if (!regionsOf.has(o.InstanceType)) regionsOf.set(o.InstanceType, new Set());
    regionsOf.get(o.InstanceType)!.add(region);
  }
}

/** Code-point order, as the pages promise on every database. */
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** What the filter selects, straight from the DescribeInstanceTypes records and the offerings. */
function fromEc2Records(f: Filter): string[] {
  return Object.values(raw)
    .filter((t: any) => {
      const name: string = t.InstanceType;
      const hypervisor: string | null = t.Hypervisor ?? null;
      if (f.family?.length && !f.family.includes(name.split('.')[0])) return false;
      if (f.hypervisor !== undefined && hypervisor !== f.hypervisor) return false;
      if (f.nitro !== undefined && (hypervisor === 'nitro' || t.BareMetal === true) !== f.nitro) return false;
      if (f.bareMetal !== undefined && t.BareMetal !== f.bareMetal) return false;
      if (f.architecture !== undefined && !t.ProcessorInfo.SupportedArchitectures.includes(f.architecture)) return false;
      if (f.currentGeneration !== undefined && t.CurrentGeneration !== f.currentGeneration) return false;
      if (f.minVcpus !== undefined && t.VCpuInfo.DefaultVCpus < f.minVcpus) return false;
      if (f.maxVcpus !== undefined && t.VCpuInfo.DefaultVCpus > f.maxVcpus) return false;
      if (f.minMemoryMiB !== undefined && t.MemoryInfo.SizeInMiB < f.minMemoryMiB) return false;
      if (f.maxMemoryMiB !== undefined && t.MemoryInfo.SizeInMiB > f.maxMemoryMiB) return false;
      if (f.region !== undefined && !regionsOf.get(name)?.has(f.region)) return false;
      return true;
    })
    .map((t: any) => t.InstanceType as string)
    .sort(byCodePoint);
}

/** The query pages used to run (CatalogRepository.findPage before the in-memory view), all pages at once. */
async function fromSql(db: pg.Client, f: Filter): Promise<string[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (f.family?.length) where.push(`family = ANY(${p(f.family)}::text[])`);
  if (f.hypervisor !== undefined) where.push(`hypervisor = ${p(f.hypervisor)}`);
  if (f.nitro !== undefined) {
    where.push(f.nitro ? "(hypervisor = 'nitro' OR bare_metal)" : "(hypervisor IS DISTINCT FROM 'nitro' AND NOT bare_metal)");
  }
  if (f.bareMetal !== undefined) where.push(`bare_metal = ${p(f.bareMetal)}`);
  if (f.architecture !== undefined) where.push(`${p(f.architecture)} = ANY(architectures)`);
  if (f.currentGeneration !== undefined) where.push(`current_generation = ${p(f.currentGeneration)}`);
  if (f.minVcpus !== undefined) where.push(`vcpus >= ${p(f.minVcpus)}`);
  if (f.maxVcpus !== undefined) where.push(`vcpus <= ${p(f.maxVcpus)}`);
  if (f.minMemoryMiB !== undefined) where.push(`memory_mib >= ${p(f.minMemoryMiB)}`);
  if (f.maxMemoryMiB !== undefined) where.push(`memory_mib <= ${p(f.maxMemoryMiB)}`);
  if (f.region !== undefined) where.push(`${p(f.region)} = ANY(regions)`);
  const sql = `SELECT name FROM instance_type ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name COLLATE "C"`;
  return (await db.query<{ name: string }>(sql, params)).rows.map((r) => r.name);
}

const FILTERS: Array<[string, Filter, number]> = [
  ['everything', {}, 97],
  ['families', { family: ['m5', 'c6i', 't3', 'u-6tb1', 'x2iezn'] }, 7],
  ['hypervisor nitro', { hypervisor: 'nitro' }, 250],
  ['hypervisor xen', { hypervisor: 'xen' }, 13],
  ['nitro (bare metal counts)', { nitro: true }, 500],
  ['not nitro', { nitro: false }, 11],
  ['bare metal', { bareMetal: true }, 9],
  ['not bare metal, arm64', { bareMetal: false, architecture: 'arm64' }, 60],
  ['previous generation x86_64', { architecture: 'x86_64', currentGeneration: false }, 16],
  ['i386', { architecture: 'i386' }, 5],
  ['mac', { architecture: 'arm64_mac' }, 1],
  ['current generation, 8 to 32 vCPUs', { currentGeneration: true, minVcpus: 8, maxVcpus: 32 }, 100],
  ['64 to 256 GiB', { minMemoryMiB: 65_536, maxMemoryMiB: 262_144 }, 45],
  ['one region', { region: 'eu-south-2' }, 120],
  [
    'everything at once',
    {
      family: ['m5', 'm6g', 'c5', 'r6i', 'm5n'],
      nitro: true,
      bareMetal: false,
      currentGeneration: true,
      minVcpus: 2,
      maxVcpus: 48,
      minMemoryMiB: 4096,
      region: 'us-east-1',
    },
    6,
  ],
  ['nothing: unknown family', { family: ['zz0'] }, 10],
  ['nothing: empty range', { minVcpus: 3, maxVcpus: 3, hypervisor: 'xen' }, 10],
  // A region the catalog does not know is refused (catalog.e2e.spec.ts); a known one can still hold none.
  ['nothing: a family not offered in a known region', { family: ['mac1'], region: 'af-south-1' }, 10],
];

const PAGE = `query($f: InstanceTypeFilter, $first: Int, $after: String) {
  instanceTypes(filter: $f, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { name } } nodes { name }
  }
}`;

describe('instanceTypes pages over the bundled catalog', () => {
  let app: TestApp;
  let db: pg.Client;
  beforeAll(async () => {
    app = await startTestApp();
    db = new pg.Client({ connectionString: app.databaseUrl! });
    await db.connect();
  });
  afterAll(async () => {
    await db?.end();
    await app?.close();
  });

  it('the two independent computations agree with each other on the catalog', async () => {
    expect(Object.keys(raw)).toHaveLength(1373);
    expect(await fromSql(db, {})).toEqual(fromEc2Records({}));
  });

  it.each(FILTERS)('%s: paging through gives exactly what the filter selects', async (_label, filter, first) => {
    const expected = fromEc2Records(filter);
    expect(await fromSql(db, filter)).toEqual(expected);

    // GraphQL and REST take turns page by page: one cursor works on both doors.
    const names: string[] = [];
    let after: string | null = null;
    for (let page = 0; ; page++) {
      expect(page).toBeLessThanOrEqual(Math.ceil(expected.length / first));
      let conn: any;
      if (page % 2 === 0) {
        const res = await app.gql(PAGE, { f: filter, first, after }).expect(200);
        expect(res.body.errors).toBeUndefined();
        conn = res.body.data.instanceTypes;
        expect(conn.nodes.map((n: any) => n.name)).toEqual(conn.edges.map((e: any) => e.node.name));
      } else {
        const query: Record<string, unknown> = { ...filter, first, ...(after ? { after } : {}) };
        if (filter.family) query.family = filter.family.join(',');
        const res = await app.http.get('/api/v1/instance-types').query(query).expect(200);
        conn = res.body;
      }
      expect(conn.totalCount).toBe(expected.length);
      expect(conn.edges.length).toBeLessThanOrEqual(first);
      names.push(...conn.edges.map((e: any) => e.node.name));
      expect(conn.pageInfo.endCursor).toBe(conn.edges.at(-1)?.cursor ?? null);
      expect(conn.pageInfo.hasNextPage).toBe(names.length < expected.length);
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(names).toEqual(expected);
  });

  it('first: 0 counts without a page, and says whether there is one', async () => {
    const res = await app.gql(PAGE, { f: { family: ['m5'] }, first: 0 }).expect(200);
    expect(res.body.data.instanceTypes).toEqual({
      totalCount: fromEc2Records({ family: ['m5'] }).length,
      pageInfo: { hasNextPage: true, endCursor: null },
      edges: [],
      nodes: [],
    });
    const none = await app.gql(PAGE, { f: { family: ['zz0'] }, first: 0 }).expect(200);
    expect(none.body.data.instanceTypes.pageInfo.hasNextPage).toBe(false);
  });

  it('a cursor names a position, not a member: it works under another filter, and past the end', async () => {
    const all = fromEc2Records({});
    const cursorOf = (name: string) => Buffer.from(`it:${name}`, 'utf8').toString('base64url');
    // m5.large is not an arm64 type, yet its cursor pages the arm64 types after it.
    const res = await app.gql(PAGE, { f: { architecture: 'arm64' }, first: 3, after: cursorOf('m5.large') }).expect(200);
    const expected = fromEc2Records({ architecture: 'arm64' }).filter((n) => n > 'm5.large');
    expect(res.body.data.instanceTypes.nodes.map((n: any) => n.name)).toEqual(expected.slice(0, 3));
    expect(res.body.data.instanceTypes.totalCount).toBe(fromEc2Records({ architecture: 'arm64' }).length);
    // A name between two types, and one after the last.
    const between = await app.gql(PAGE, { first: 1, after: cursorOf('m5.largf') }).expect(200);
    expect(between.body.data.instanceTypes.nodes[0].name).toBe(all.find((n) => n > 'm5.largf'));
    const past = await app.gql(PAGE, { first: 5, after: cursorOf('zzz') }).expect(200);
    expect(past.body.data.instanceTypes).toMatchObject({ totalCount: 1373, edges: [], pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it('every type in a page is the row instance_type holds, first and last sightings included', async () => {
    const nodes = await allInstanceTypesOverRest(app);
    const rows = (
      await db.query<{ name: string; first_seen_at: Date; last_seen_at: Date }>(
        'SELECT name, first_seen_at, last_seen_at FROM instance_type ORDER BY name COLLATE "C"',
      )
    ).rows;
    expect(nodes.map((n) => [n.name, n.firstSeenAt, n.lastSeenAt])).toEqual(
      rows.map((r) => [r.name, r.first_seen_at.toISOString(), r.last_seen_at.toISOString()]),
    );
    // And each one as the single-type read (which reads the row) returns it.
    for (const node of nodes.filter((_, i) => i % 97 === 0)) {
      const one = await app.http.get(`/api/v1/instance-types/${node.name}`).expect(200);
      expect(node).toEqual(one.body);
    }
  });
});

describe('instanceTypes pages under MAX_PAGE_SIZE', () => {
  const SMALL = `query($first: Int) { instanceTypes(first: $first) { totalCount nodes { name } } }`;
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ env: { MAX_PAGE_SIZE: '800' } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a page as large as MAX_PAGE_SIZE is served through both doors, one larger is refused naming the limit', async () => {
    const gql = await app.gql(SMALL, { first: 800 }).expect(200);
    expect(gql.body.errors).toBeUndefined();
    expect(gql.body.data.instanceTypes.nodes).toHaveLength(800);
    const rest = await app.http.get('/api/v1/instance-types').query({ first: 800 }).expect(200);
    expect(rest.body.nodes).toHaveLength(800);

    const over = await app.http.get('/api/v1/instance-types').query({ first: 801 }).expect(400);
    expect(over.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'first must be between 0 and 800' });
    const overGql = await app.gql(SMALL, { first: 801 }).expect(200);
    expect(overGql.body.errors[0]).toMatchObject({ message: 'first must be between 0 and 800', extensions: { code: 'BAD_USER_INPUT' } });
  });
});
