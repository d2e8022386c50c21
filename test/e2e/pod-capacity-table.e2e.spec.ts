import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapacityService } from '../../src/capacity/capacity.service.js';
import { PodCapacityTableService } from '../../src/capacity/pod-capacity-table.service.js';
import { CatalogViewService } from '../../src/catalog/catalog-view.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

// Issue 14: the whole pods table in one request, through both doors, its figures held to nodeCapacity's.

const ROW =
  'instanceType os ipMode effectiveIpMode ipLimitedPods maxPods limitedBy kubeletMaxPods limitsTable formula reason { code message source }';
const TABLE = `query($filter: InstanceTypeFilter, $os: [NodeOs!], $ipModes: [IpMode!]) {
  podCapacityTable(filter: $filter, os: $os, ipModes: $ipModes) { ${ROW} } }`;

/** A small RFC 4180 reader: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      record.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else field += ch;
  }
  if (field !== '' || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}

describe('pods table (podCapacityTable, GET /api/v1/capacity)', () => {
  let app: TestApp;
  let typeCount: number;

  beforeAll(async () => {
    app = await startTestApp();
    typeCount = app.running.app.get(CatalogViewService).all().length;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers the whole catalog, both OSes and both modes, in one GraphQL request under the default limits', async () => {
    const res = await app.gql(TABLE, {}).expect(200);
    expect(res.body.errors).toBeUndefined();
    const rows = res.body.data.podCapacityTable;
    // 1,373 types x 2 OSes x 2 modes = 5,492 rows
    expect(typeCount).toBe(1373);
    expect(rows).toHaveLength(typeCount * 4);
    expect(rows.slice(0, 4).map((r: any) => `${r.os} ${r.ipMode}`)).toEqual([
      'WINDOWS SECONDARY_IP',
      'WINDOWS PREFIX_DELEGATION',
      'LINUX SECONDARY_IP',
      'LINUX PREFIX_DELEGATION',
    ]);
  });

  it('has the figures nodeCapacity gives, for every type, OS and mode of the catalog', () => {
    const capacity = app.running.app.get(CapacityService);
    const rows = app.running.app.get(PodCapacityTableService).podCapacityTable({});
    expect(rows).toHaveLength(typeCount * 4);
    const noAllocatable: string[] = [];
    for (const row of rows) {
      const c = capacity.nodeCapacity({ instanceType: row.instanceType, os: row.os, ipMode: row.ipMode });
      expect({ ...row, reason: null }).toEqual({
        instanceType: c.instanceType,
        os: c.os,
        ipMode: c.requestedIpMode,
        effectiveIpMode: c.effectiveIpMode,
        ipLimitedPods: c.ipLimitedPods,
        maxPods: c.maxPods,
        limitedBy: c.limitedBy,
        kubeletMaxPods: c.kubeletMaxPods,
        limitsTable: c.limitsTable,
        formula: c.formula,
        reason: null,
      });
      // A reason exactly when no pod runs: the type cannot be used (one of nodeCapacity's warnings), or its reservations
      // leave nothing (nodeCapacity's NO_ALLOCATABLE_RESOURCES in short: same code and source, maxPods as nodeCapacity's).
      const noRoom = c.warnings.find((w) => w.code === 'NO_ALLOCATABLE_RESOURCES');
      if (c.limitedBy === 'UNSUPPORTED') expect(c.warnings).toContainEqual(row.reason);
      else if (noRoom) {
        expect(row.reason).toEqual({ code: noRoom.code, message: expect.stringMatching(/^No pod fits: /), source: noRoom.source });
        noAllocatable.push(`${row.instanceType} ${row.ipMode}`);
      } else expect(row.reason).toBeNull();
    }
    // The 14 small x86 types (t3.nano to t3a.small, c7a.medium, c1.medium, ...) whose memory the Windows reservations
    // take (2248 MiB > what they have), in both modes: the whole table is 1,496,190 bytes with these reasons.
    expect(noAllocatable).toHaveLength(28);
    expect(noAllocatable).toContain('t3.nano PREFIX_DELEGATION');
  });

  it.each([
    // m5.large, Windows: VPCRC I = 10; secondary IP W = 10 - 1 = 9; PD W = (10 - 1) * 16 = 144, min(110, 144) = 110
    ['m5.large', 'WINDOWS', 'SECONDARY_IP', 9, 9, 'IP_ADDRESSES'],
    ['m5.large', 'WINDOWS', 'PREFIX_DELEGATION', 144, 110, 'KUBELET_MAX_PODS'],
    // m5.large, Linux: E = 3, I = 10; 3 * (10 - 1) + 2 = 29
    ['m5.large', 'LINUX', 'SECONDARY_IP', 29, 29, 'IP_ADDRESSES'],
    // m6g.large is arm64: no EKS-optimized Windows AMI, so no Windows pods at all
    ['m6g.large', 'WINDOWS', 'SECONDARY_IP', 9, 0, 'UNSUPPORTED'],
  ])('REST and GraphQL agree with GET /api/v1/capacity/{type}: %s %s %s', async (type, os, mode, ipLimited, maxPods, limitedBy) => {
    const res = await app.http
      .get('/api/v1/capacity')
      .query({ family: type.split('.')[0], os, ipMode: mode })
      .expect(200);
    const res2 = await app.http
      .get('/api/v1/capacity')
      .query({ family: type.split('.')[0], os, ipMode: mode, include: 'formula' })
      .expect(200);
    expect(res2.body.map(({ formula: _f, ...rest }: any) => rest)).toEqual(res.body);
    const row = res2.body.find((r: any) => r.instanceType === type);
    expect(row).toMatchObject({ ipLimitedPods: ipLimited, maxPods, limitedBy });
    const one = await app.http.get(`/api/v1/capacity/${type}`).query({ os, ipMode: mode }).expect(200);
    expect(row).toMatchObject({
      ipLimitedPods: one.body.ipLimitedPods,
      maxPods: one.body.maxPods,
      limitedBy: one.body.limitedBy,
      formula: one.body.formula,
    });
    if (limitedBy === 'UNSUPPORTED')
      expect(row.reason).toMatchObject({ code: 'WINDOWS_UNSUPPORTED_ARCHITECTURE', source: expect.any(String) });
  });

  it('names the controller table of each Windows row: c8ib.large only in the newer copy (KARPENTER_NEWER), Linux null', async () => {
    const gql = (await app.gql(TABLE, { filter: { family: ['c8ib', 'm5'] } }).expect(200)).body.data.podCapacityTable;
    const rest = await app.http.get('/api/v1/capacity').query({ family: 'c8ib,m5' }).expect(200);
    expect(rest.body).toEqual(gql.map(({ formula: _f, ...row }: any) => row));
    const of = (type: string, os: string) => gql.filter((r: any) => r.instanceType === type && r.os === os).map((r: any) => r.limitsTable);
    expect(of('c8ib.large', 'WINDOWS')).toEqual(['KARPENTER_NEWER', 'KARPENTER_NEWER']);
    expect(of('m5.large', 'WINDOWS')).toEqual(['VPCRC_PUBLIC', 'VPCRC_PUBLIC']);
    expect(of('c8ib.large', 'LINUX')).toEqual([null, null]);
    // W = 20 - 1 = 19 from the newer table, usable: no reason, the table says where the figure came from.
    expect(gql.find((r: any) => r.instanceType === 'c8ib.large' && r.os === 'WINDOWS')).toMatchObject({ maxPods: 19, reason: null });
  });

  it('REST JSON equals GraphQL row for row, and the whole table stays under 1.5 MB (the formula steps on request)', async () => {
    const rest = await app.http
      .get('/api/v1/capacity')
      .expect(200)
      .expect('content-type', /application\/json/);
    const gql = await app.gql(TABLE, {}).expect(200);
    expect(rest.body).toEqual(gql.body.data.podCapacityTable.map(({ formula: _f, ...row }: any) => row));
    expect(Buffer.byteLength(rest.text)).toBeLessThan(1_500_000);
    const explained = await app.http.get('/api/v1/capacity?include=formula').expect(200);
    expect(explained.body).toEqual(gql.body.data.podCapacityTable);
  });

  it('takes the instanceTypes filters and the OS and mode lists, in REST and GraphQL spellings', async () => {
    const m5 = await app.http.get('/api/v1/instance-types').query({ family: 'm5', first: 500 }).expect(200);
    const rest = await app.http.get('/api/v1/capacity?family=m5&os=windows&ipMode=prefix-delegation').expect(200);
    expect(rest.body.map((r: any) => r.instanceType)).toEqual(m5.body.nodes.map((n: any) => n.name));
    expect(new Set(rest.body.map((r: any) => `${r.os} ${r.ipMode}`))).toEqual(new Set(['WINDOWS PREFIX_DELEGATION']));
    const gql = await app.gql(TABLE, { filter: { family: ['m5'] }, os: ['WINDOWS'], ipModes: ['PREFIX_DELEGATION'] }).expect(200);
    expect(gql.body.data.podCapacityTable.map(({ formula: _f, ...row }: any) => row)).toEqual(rest.body);
    // Both OSes in secondary-IP mode: 2 rows a type
    const both = await app.http.get('/api/v1/capacity?family=m5&os=windows,linux&ipMode=secondary-ip').expect(200);
    expect(both.body).toHaveLength(m5.body.totalCount * 2);
  });

  it('answers CSV with ?format=csv or Accept: text/csv, one record per row', async () => {
    const json = await app.http.get('/api/v1/capacity?family=m5,m6g&os=windows&include=formula').expect(200);
    for (const res of [
      await app.http.get('/api/v1/capacity?family=m5,m6g&os=windows&format=csv&include=formula').expect(200),
      await app.http.get('/api/v1/capacity?family=m5,m6g&os=windows&include=formula').set('accept', 'text/csv').expect(200),
    ]) {
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      const [header, ...records] = parseCsv(res.text);
      expect(header).toEqual([
        'instanceType',
        'os',
        'ipMode',
        'effectiveIpMode',
        'ipLimitedPods',
        'maxPods',
        'limitedBy',
        'kubeletMaxPods',
        'limitsTable',
        'formula',
        'reasonCode',
        'reason',
        'reasonSource',
      ]);
      expect(records).toHaveLength(json.body.length);
      records.forEach((record, i) => {
        const row = json.body[i];
        expect(record).toEqual([
          row.instanceType,
          row.os,
          row.ipMode,
          row.effectiveIpMode,
          String(row.ipLimitedPods),
          String(row.maxPods),
          row.limitedBy,
          row.kubeletMaxPods === null ? '' : String(row.kubeletMaxPods),
          row.limitsTable ?? '',
          row.formula.join('; '),
          row.reason?.code ?? '',
          row.reason?.message ?? '',
          row.reason?.source ?? '',
        ]);
      });
    }
    // The README's example, as written.
    const readme = await app.http.get('/api/v1/capacity?os=windows&ipMode=prefix-delegation&family=m5&format=csv').expect(200);
    expect(readme.text.split('\r\n')[0]).toBe(
      'instanceType,os,ipMode,effectiveIpMode,ipLimitedPods,maxPods,limitedBy,kubeletMaxPods,limitsTable,reasonCode,reason,reasonSource',
    );
    // m5.large, Windows, prefix delegation: (10 - 1) * 16 = 144 IPs, kubelet's 110 binds
    expect(parseCsv(readme.text)).toContainEqual([
      'm5.large',
      'WINDOWS',
      'PREFIX_DELEGATION',
      'PREFIX_DELEGATION',
      '144',
      '110',
      'KUBELET_MAX_PODS',
      '110',
      'VPCRC_PUBLIC',
      '',
      '',
      '',
    ]);
    // Without include=formula, the same records without the formula column.
    const [header, ...records] = parseCsv((await app.http.get('/api/v1/capacity?family=m5,m6g&os=windows&format=csv').expect(200)).text);
    expect(header).not.toContain('formula');
    expect(records).toHaveLength(json.body.length);
    // m5.large, Windows, secondary IP: 10 - 1 = 9 pods, limited by the IP addresses
    expect(records).toContainEqual([
      'm5.large',
      'WINDOWS',
      'SECONDARY_IP',
      'SECONDARY_IP',
      '9',
      '9',
      'IP_ADDRESSES',
      '110',
      'VPCRC_PUBLIC',
      '',
      '',
      '',
    ]);
  });

  it.each([
    ['os=macos', 'os'],
    ['ipMode=ipv6', 'ipMode'],
    ['format=xml', 'format'],
    ['include=inputs', 'include'],
    ['minVcpus=8&maxVcpus=2', 'minVcpus'],
    ['architecture=sparc', 'architecture'],
  ])('refuses %s with VALIDATION_FAILED naming %s', async (query, field) => {
    const res = await app.http.get(`/api/v1/capacity?${query}`).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(res.body.error)).toContain(field);
  });

  it('refuses a bad OS over GraphQL with BAD_USER_INPUT', async () => {
    const res = await app.gql(TABLE, { os: ['MACOS'] });
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});
