import { Injectable } from '@nestjs/common';
import { CatalogService } from '../catalog/catalog.service.js';
import { CatalogViewService, type CatalogSnapshotView } from '../catalog/catalog-view.service.js';
import type { InstanceTypeFilterInput } from '../catalog/instance-types.args.js';
import { BoundedCache } from '../common/bounded-cache.js';
import { computeNodeCapacity, IP_MODES, NODE_OSES, type IpMode, type NodeOs } from './core/index.js';
import type { TableFormat } from './pod-capacity-table.args.js';
import { formatPodCapacityCsv, toPodCapacityRow, withoutFormula, type PodCapacityRow } from './pod-capacity-table.model.js';

export interface PodCapacityTableRequest {
  filter?: InstanceTypeFilterInput;
  os?: NodeOs[];
  ipModes?: IpMode[];
}

/**
 * Tables kept per catalog view, least recently used out, and the longest input remembered. A bot
 * asks for the same few again and again; a whole-catalog table with its JSON and CSV texts is a few
 * MB, so only a few are kept (a filtered table is cheap to compute again). Kept, the whole-catalog
 * table answered REST at about ten times the rate, and its text made once at about three times.
 */
const MAX_CACHED_TABLES = 4;
const MAX_TABLE_KEY_LENGTH = 2048;

/**
 * The pods table: `computeNodeCapacity` (what `nodeCapacity` answers) for every instance type of the
 * in-memory catalog matching the `instanceTypes` filter, each OS and each IP mode, with the default
 * options. Rows are ordered by type name, then WINDOWS before LINUX, then SECONDARY_IP before
 * PREFIX_DELEGATION. Tables are kept per catalog view: the whole catalog's 5,492 rows took about 30 ms
 * to compute and 15 ms to serialise, and a repeat is then answered from memory.
 */
/** A table, and its texts by `format:includeFormula` (at most four: they go with the table). */
interface CachedTable {
  rows: ReadonlyArray<PodCapacityRow>;
  documents: Map<string, string>;
}

@Injectable()
export class PodCapacityTableService {
  /** Each table with the texts made of it so far (by format and formula), for the current view only. */
  private readonly tables = new BoundedCache<string, CachedTable>({ maxEntries: MAX_CACHED_TABLES, maxKeyLength: MAX_TABLE_KEY_LENGTH });

  constructor(
    private readonly catalog: CatalogService,
    private readonly view: CatalogViewService,
  ) {}

  podCapacityTable(request: PodCapacityTableRequest): ReadonlyArray<PodCapacityRow> {
    return this.table(request).rows;
  }

  private table(request: PodCapacityTableRequest): CachedTable {
    const view = this.view.requireLoaded();
    const oses = NODE_OSES.filter((os) => !request.os || request.os.includes(os));
    const modes = IP_MODES.filter((mode) => !request.ipModes || request.ipModes.includes(mode));
    const key = JSON.stringify({ filter: request.filter ?? null, oses, modes });
    const compute = (): CachedTable => ({ rows: this.compute(view, request.filter, oses, modes), documents: new Map() });
    return this.tables.within(view).getOrCompute(key, compute);
  }

  /**
   * The table as REST sends it, JSON or CSV (RFC 4180, a header line), each made once per table.
   * The formula steps (about 40% of the whole table's JSON) come only when asked for: the whole
   * table without them is about 1.496 MB of JSON.
   */
  podCapacityDocument(request: PodCapacityTableRequest, format: TableFormat, includeFormula: boolean): string {
    const { rows, documents } = this.table(request);
    const key = `${format}:${includeFormula}`;
    let text = documents.get(key);
    if (text === undefined) {
      text =
        format === 'csv' ? formatPodCapacityCsv(rows, includeFormula) : JSON.stringify(includeFormula ? rows : rows.map(withoutFormula));
      documents.set(key, text);
    }
    return text;
  }

  private compute(
    view: CatalogSnapshotView,
    filter: InstanceTypeFilterInput | undefined,
    oses: readonly NodeOs[],
    modes: readonly IpMode[],
  ): ReadonlyArray<PodCapacityRow> {
    const rows: PodCapacityRow[] = [];
    for (const instanceType of this.catalog.typesMatching(view, filter)) {
      for (const os of oses) {
        for (const ipMode of modes) rows.push(toPodCapacityRow(instanceType, computeNodeCapacity({ instanceType, os, ipMode })));
      }
    }
    return Object.freeze(rows);
  }
}
