import { Args, Query, Resolver } from '@nestjs/graphql';
import { KarpenterWindowsPlanInputDto } from './karpenter.inputs.js';
import { KarpenterWindowsPlan } from './karpenter.models.js';
import { KarpenterService } from './karpenter.service.js';

@Resolver(() => KarpenterWindowsPlan)
export class KarpenterResolver {
  constructor(private readonly karpenter: KarpenterService) {}

  @Query(() => KarpenterWindowsPlan, {
    description:
      'What Karpenter plans for a Windows workload, per instance type: its pods and vpc.amazonaws.com/PrivateIPv4Address (I - 1 whatever the IP mode) ' +
      "next to the capacity engine's real maxPods, the nodes each side needs, the binding constraint, and sourced warnings with fixes. Changes nothing. " +
      'Bad input (unknown type or family, a Windows Server release the Kubernetes version does not run, a CIDR that does not parse) is BAD_USER_INPUT naming the field.',
  })
  planKarpenterWindows(
    @Args('input', { type: () => KarpenterWindowsPlanInputDto }) input: KarpenterWindowsPlanInputDto,
  ): KarpenterWindowsPlan {
    return this.karpenter.planWindows(input);
  }
}
