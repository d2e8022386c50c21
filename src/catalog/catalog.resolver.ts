import { Args, Context, Mutation, Query, Resolver } from '@nestjs/graphql';
import { RequireAdmin } from '../auth/auth.decorators.js';
import type { AuthenticatedRequest } from '../auth/api-key.guard.js';
import { CatalogRefreshService } from './catalog-refresh.service.js';
import { CatalogRefresh, CatalogRefreshesArgs, RefreshCatalogArgs, toCatalogRefreshModel } from './catalog-refresh.model.js';
import { CatalogService } from './catalog.service.js';
import { InstanceType } from './instance-type.model.js';
import { InstanceTypeConnection, InstanceTypeNameArgs, InstanceTypesArgs } from './instance-types.args.js';

@Resolver(() => InstanceType)
export class CatalogResolver {
  constructor(
    private readonly catalog: CatalogService,
    private readonly refreshes: CatalogRefreshService,
  ) {}

  @Query(() => InstanceType, { nullable: true, description: 'One instance type, or null when the catalog has none by that name.' })
  instanceType(@Args() args: InstanceTypeNameArgs): Promise<InstanceType | null> {
    return this.catalog.findInstanceType(args.name);
  }

  @Query(() => InstanceTypeConnection, {
    description:
      'Instance types matching a filter, a page at a time, ordered by name in character-code order ' +
      "(as PostgreSQL's C collation sorts; the same whatever the database).",
  })
  instanceTypes(@Args() args: InstanceTypesArgs): Promise<InstanceTypeConnection> {
    return this.catalog.listInstanceTypes(args.filter, args.first, args.after);
  }

  @Query(() => [CatalogRefresh], { description: 'Catalog refresh runs, newest first.' })
  async catalogRefreshes(@Args() args: CatalogRefreshesArgs, @Context('req') req: AuthenticatedRequest): Promise<CatalogRefresh[]> {
    return (await this.refreshes.listRuns(args.first ?? 20)).map((run) => toCatalogRefreshModel(run, req.principal?.role === 'admin'));
  }

  @Mutation(() => CatalogRefresh, { description: 'Refreshes the catalog from the EC2 API (admin key).' })
  @RequireAdmin()
  async refreshCatalog(@Args() args: RefreshCatalogArgs, @Context('req') req: AuthenticatedRequest): Promise<CatalogRefresh> {
    const run = await this.refreshes.refresh({
      regions: args.regions,
      wait: args.wait ?? true,
      trigger: 'MANUAL',
      requestedBy: req.principal?.name ?? null,
    });
    return toCatalogRefreshModel(run, true);
  }
}
