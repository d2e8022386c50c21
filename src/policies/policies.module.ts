import { Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { CatalogModule } from '../catalog/catalog.module.js';
import { TemplatesController, WindowsPolicyCheckController } from './policies.controller.js';
import { PoliciesResolver } from './policies.resolver.js';
import { PoliciesService } from './policies.service.js';

/**
 * The Windows check also takes the YAML itself as the body (application/yaml, text/yaml: the app
 * parses those as text). Wrapping the text as `{manifest}` before validation lets both body forms,
 * and the GraphQL arguments, go through the one CheckPolicyForWindowsArgs class.
 */
export const WINDOWS_CHECK_ROUTE = '/api/v1/policies/windows-check';

@Module({
  imports: [CatalogModule],
  providers: [PoliciesService, PoliciesResolver],
  controllers: [TemplatesController, WindowsPolicyCheckController],
})
export class PoliciesModule implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance() as FastifyInstance | undefined;
    // After parsing, before the handler's validation: a text body on this route is the manifest.
    fastify?.addHook('preValidation', (request, _reply, done) => {
      if (typeof request.body === 'string' && request.routeOptions.url === WINDOWS_CHECK_ROUTE) request.body = { manifest: request.body };
      done();
    });
  }
}
