import { Initial1795695570060 } from './1795695570060-Initial.js';
import { WindowsPricesAndAccelerators1796156599775 } from './1796156599775-WindowsPricesAndAccelerators.js';
import { CatalogRefreshSource1796166823302 } from './1796166823302-CatalogRefreshSource.js';

// Every migration, in order. The service and the TypeORM CLI both read this list.
export const MIGRATIONS: Array<new () => unknown> = [
  Initial1795695570060,
  WindowsPricesAndAccelerators1796156599775,
  CatalogRefreshSource1796166823302,
];
