import { Args, Query, Resolver } from '@nestjs/graphql';
import { DiagnosisInputDto } from './diagnosis.inputs.js';
import { Diagnosis } from './diagnosis.models.js';
import { DiagnosisService } from './diagnosis.service.js';

@Resolver()
export class DiagnosisResolver {
  constructor(private readonly diagnosis: DiagnosisService) {}

  @Query(() => Diagnosis, {
    description:
      "Pasted events and log lines (and the EKS Windows log collector's Get-HnsPolicyList and vpc-bridge.conf) mapped to causes: " +
      'each finding quotes its symptom, with the cause, ordered checks, the fix (and its template) and the upstream source. ' +
      'Unknown text: no findings. Nothing pasted is logged or stored.',
  })
  diagnose(@Args('input', { type: () => DiagnosisInputDto }) input: DiagnosisInputDto): Diagnosis {
    return this.diagnosis.diagnose(input);
  }
}
