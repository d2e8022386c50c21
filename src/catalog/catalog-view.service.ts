import { Injectable } from '@nestjs/common';
import type { CatalogInstanceType } from './core/instance-type.facts.js';

/**
 * The whole catalog in memory, for answers that scan every type (node-group sizing) or look
 * one up on every keystroke (capacity). It is replaced whole, never mutated: a refresh
 * builds a new one, so a reader always sees one consistent catalog.
 */
export interface CatalogSnapshotView {
  /** Identifies the catalog content: the id of the refresh run that produced it. */
  readonly version: string | null;
  readonly loadedAt: Date;
  readonly types: ReadonlyArray<CatalogInstanceType>;
  readonly byName: ReadonlyMap<string, CatalogInstanceType>;
}

@Injectable()
export class CatalogViewService {
  private view: CatalogSnapshotView | null = null;

  replace(types: CatalogInstanceType[], version: string | null, loadedAt: Date): void {
    const sorted = [...types].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    this.view = {
      version,
      loadedAt,
      types: Object.freeze(sorted),
      byName: new Map(sorted.map((t) => [t.name, t])),
    };
  }

  get isLoaded(): boolean {
    return this.view !== null && this.view.types.length > 0;
  }

  current(): CatalogSnapshotView | null {
    return this.view;
  }

  get(name: string): CatalogInstanceType | undefined {
    return this.view?.byName.get(name);
  }

  all(): ReadonlyArray<CatalogInstanceType> {
    return this.view?.types ?? [];
  }
}
