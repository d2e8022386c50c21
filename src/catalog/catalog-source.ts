import type { CatalogRead, CatalogSourceKind } from './core/catalog-read.js';

export type { CatalogRead, CatalogSourceKind } from './core/catalog-read.js';

/** Nest's `Logger` fits this shape; the refresh passes one naming its run. */
export interface CatalogSourceLogger {
  log(message: string): void;
  warn(message: string): void;
}

export interface CatalogReadRequest {
  /** Regions to read, sorted; null: every region the source knows (EC2: every enabled region). */
  regions: string[] | null;
  logger: CatalogSourceLogger;
}

/**
 * Where a refresh reads the catalog from (the port): the refresh takes the read, merges it into the
 * catalog and installs the result in one transaction, whatever the source. Implementations: the EC2
 * API (`Ec2Source`, src/catalog/ec2/ec2-source.ts) and the bundled table (`BundledSource`,
 * src/catalog/bundled-catalog.ts).
 */
export abstract class CatalogSource {
  /** Recorded with each run as its `source`. */
  abstract readonly kind: CatalogSourceKind;
  /**
   * Reads AWS at the time of the run: such a refresh also reads the Windows prices of the regions
   * read from the AWS Price List, and is counted in the refresh metrics. The bundled table is not.
   */
  abstract readonly live: boolean;
  /** The regions a refresh reads when its request names none (null: every region). */
  abstract defaultRegions(): string[] | null;
  /** Reads the catalog; a failure fails the run and leaves the catalog as it was. */
  abstract read(request: CatalogReadRequest): Promise<CatalogRead>;
}

/** DI token: every catalog source (`CatalogSource[]`), one per kind. */
export const CATALOG_SOURCES = Symbol('CATALOG_SOURCES');
