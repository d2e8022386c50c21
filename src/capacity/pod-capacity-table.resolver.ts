import { Args, Query, Resolver } from '@nestjs/graphql';
import { PodCapacityTableArgs } from './pod-capacity-table.args.js';
import { PodCapacityRow } from './pod-capacity-table.model.js';
import { PodCapacityTableService } from './pod-capacity-table.service.js';

/**
 * Estimated cost of the table: the rows' selection counted once plus a flat 100 for the scan of the
 * catalog (a whole-catalog table is computed once per catalog version and then served from memory),
 * so the whole table for every type, OS and mode fits the default GRAPHQL_MAX_COST of 20000.
 */
export const POD_CAPACITY_TABLE_COST = 100;

@Resolver()
export class PodCapacityTableResolver {
  constructor(private readonly table: PodCapacityTableService) {}

  @Query(() => [PodCapacityRow], {
    description:
      'The pods table in one request: nodeCapacity with default options for every instance type matching the ' +
      'instanceTypes filter, each OS and IP mode (default both of each), ordered by type, then OS, then mode.',
    complexity: ({ childComplexity }) => POD_CAPACITY_TABLE_COST + childComplexity,
  })
  podCapacityTable(@Args() args: PodCapacityTableArgs): ReadonlyArray<PodCapacityRow> {
    return this.table.podCapacityTable(args);
  }
}
