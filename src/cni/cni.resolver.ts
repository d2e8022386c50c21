import { Args, Query, Resolver } from '@nestjs/graphql';
import { CniRecommendationInputDto } from './cni-recommendation.input.js';
import { CniRecommendation } from './cni-recommendation.model.js';
import { CniService } from './cni.service.js';

@Resolver(() => CniRecommendation)
export class CniResolver {
  constructor(private readonly cni: CniService) {}

  @Query(() => CniRecommendation, {
    description:
      'Ranks every CNI option for the cluster, best first, with sourced reasons and per-node-group consequences; ' +
      'picks the NetworkPolicy engine, decides DSR and lists the settings to apply. Changes nothing. ' +
      'Impossible combinations come back UNSUPPORTED with the reason; malformed input is BAD_USER_INPUT naming the field.',
  })
  recommendCni(@Args('input', { type: () => CniRecommendationInputDto }) input: CniRecommendationInputDto): CniRecommendation {
    return this.cni.recommend(input);
  }
}
