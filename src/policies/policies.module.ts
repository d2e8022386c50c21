import { Module, RequestMethod, type MiddlewareConsumer, type NestModule } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { CatalogModule } from '../catalog/catalog.module.js';
import { TemplatesController, WindowsPolicyCheckController } from './policies.controller.js';
import { PoliciesResolver } from './policies.resolver.js';
import { PoliciesService } from './policies.service.js';

/**
 * The Windows check also takes the YAML itself as the body (application/yaml, text/yaml: the app
 * parses those as text). Wrapping the text as `{manifest}` before validation lets both body forms,
 * and the GraphQL arguments, go through the one CheckPolicyForWindowsArgs class.
 */
export function wrapYamlBody(req: Request, _res: Response, next: NextFunction): void {
  if (typeof req.body === 'string') req.body = { manifest: req.body };
  next();
}

@Module({
  imports: [CatalogModule],
  providers: [PoliciesService, PoliciesResolver],
  controllers: [TemplatesController, WindowsPolicyCheckController],
})
export class PoliciesModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(wrapYamlBody).forRoutes({ path: 'api/v1/policies/windows-check', method: RequestMethod.POST });
  }
}
