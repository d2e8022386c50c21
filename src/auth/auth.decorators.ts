import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension } from '@nestjs/swagger';
import { PUBLIC_OPERATION } from '../common/openapi-document.js';
import type { ApiKeyRole } from './api-key.entity.js';

export const REQUIRED_ROLE = 'eks-net-planner:requiredRole';
export const PUBLIC_ROUTE = 'eks-net-planner:public';

/** The route or mutation changes state: it needs an admin key. */
export const RequireAdmin = () => applyDecorators(SetMetadata(REQUIRED_ROLE, 'admin' satisfies ApiKeyRole), ApiBearerAuth());
/** Open to anyone whatever AUTH_READS says (health probes, metrics). */
export const PublicRoute = () => applyDecorators(SetMetadata(PUBLIC_ROUTE, true), ApiExtension(PUBLIC_OPERATION, true));
