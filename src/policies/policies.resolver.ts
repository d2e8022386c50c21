import { Args, Query, Resolver } from '@nestjs/graphql';
import { GraphQLJSON } from 'graphql-type-json';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { CheckPolicyForWindowsArgs, PolicyTemplate, RenderedTemplate, WindowsPolicyCheck } from './policies.models.js';
import { PoliciesService } from './policies.service.js';

/** Policy templates and the Windows policy check. Queries only: nothing here changes state. */
@Resolver(() => PolicyTemplate)
export class PoliciesResolver {
  constructor(private readonly policies: PoliciesService) {}

  @Query(() => [PolicyTemplate], { description: 'Every policy and configuration template, in a stable order.' })
  policyTemplates(): PolicyTemplate[] {
    return this.policies.listTemplates();
  }

  @Query(() => PolicyTemplate, { nullable: true, description: 'One template, or null when there is none with that id.' })
  policyTemplate(@Args('id') id: string): PolicyTemplate | null {
    try {
      return this.policies.getTemplate(id);
    } catch (err) {
      if (err instanceof DomainError && err.code === ErrorCode.NOT_FOUND) return null;
      throw err;
    }
  }

  @Query(() => RenderedTemplate, {
    description:
      'Renders a template. Parameters are an object of parameter name to JSON value; omitted ones take their default, ' +
      'and kubelet max-pods is derived from the capacity engine where the template says so. A bad parameter is ' +
      'BAD_USER_INPUT with extensions.details {field, rule}; an unknown template NOT_FOUND; an unknown instance type INSTANCE_TYPE_NOT_FOUND.',
  })
  renderTemplate(
    @Args('id') id: string,
    @Args('parameters', { type: () => GraphQLJSON, nullable: true }) parameters: unknown,
  ): RenderedTemplate {
    return this.policies.render(id, parameters);
  }

  @Query(() => WindowsPolicyCheck, {
    description:
      'Finds what Calico on Windows skips or enforces differently in NetworkPolicy / Calico (Global)NetworkPolicy YAML, with Windows-safe rewrites. ' +
      'Malformed YAML and other kinds are UNPROCESSABLE_DOCUMENT.',
  })
  checkPolicyForWindows(@Args() args: CheckPolicyForWindowsArgs): WindowsPolicyCheck {
    return this.policies.checkForWindows(args.manifest);
  }
}
