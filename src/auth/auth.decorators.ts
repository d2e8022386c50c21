import { SetMetadata } from '@nestjs/common';
import type { ApiKeyRole } from './api-key.entity.js';

export const REQUIRED_ROLE = 'eks-net-planner:requiredRole';
export const PUBLIC_ROUTE = 'eks-net-planner:public';

/** The route or mutation changes state: it needs an admin key. */
export const RequireAdmin = () => SetMetadata(REQUIRED_ROLE, 'admin' satisfies ApiKeyRole);
/** Open to anyone whatever AUTH_READS says (health probes, metrics). */
export const PublicRoute = () => SetMetadata(PUBLIC_ROUTE, true);
