import { Initial1795695570060 } from './1795695570060-Initial.js';

// Every migration, in order. The service and the TypeORM CLI both read this list.
export const MIGRATIONS: Function[] = [Initial1795695570060];
