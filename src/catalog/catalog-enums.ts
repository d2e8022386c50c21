import { type EnumOf, registerEnum } from '../common/graphql-enum.js';
import type { CatalogSourceKind } from './core/catalog-read.js';

export const CatalogSourceEnum: EnumOf<CatalogSourceKind> = { EC2: 'EC2', BUNDLED: 'BUNDLED' };
registerEnum(CatalogSourceEnum, {
  name: 'CatalogSource',
  description: 'Where a refresh read the catalog: the EC2 API of the account, or the table bundled with the service.',
});
