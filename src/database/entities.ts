import { ApiKeyEntity } from '../auth/api-key.entity.js';
import { CatalogRefreshEntity } from '../catalog/catalog-refresh.entity.js';
import { InstanceTypeEntity } from '../catalog/instance-type.entity.js';
import { InstancePriceEntity, PriceListReadEntity } from '../catalog/instance-price.entity.js';

export const ENTITIES = [InstanceTypeEntity, CatalogRefreshEntity, ApiKeyEntity, InstancePriceEntity, PriceListReadEntity];
