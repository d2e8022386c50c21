import { registerEnum } from '../common/graphql-enum.js';
import { CatalogSourceKind } from './core/catalog-read.js';

export const CatalogSourceEnum = registerEnum(CatalogSourceKind, {
  name: 'CatalogSource',
  description: 'Where a refresh read the catalog: the EC2 API of the account, or the table bundled with the service.',
});
