import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { DomainError, ErrorCode } from '../common/domain-error.js';
import { CachingValidationPipe } from '../common/validation-pipe.js';
import { ClusterAuditInputDto } from './cluster-audit.inputs.js';

// servicesCount is checked once, by the pipe (the core takes it as given).
describe('the validation pipe on a cluster audit', () => {
  const pipe = new CachingValidationPipe();
  const meta = { type: 'body' as const, metatype: ClusterAuditInputDto, data: undefined };

  it.each([-1, 1.5, '150'])('servicesCount %s: VALIDATION_FAILED on servicesCount', async (servicesCount) => {
    const err = await pipe.transform({ nodesJson: '{"items":[]}', servicesCount }, meta).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(DomainError);
    const e = err as DomainError;
    expect(e.code).toBe(ErrorCode.VALIDATION_FAILED);
    expect((e.details as { violations: { field: string }[] }).violations.map((v) => v.field)).toContain('servicesCount');
  });

  it('a whole number of 0 or more passes', async () => {
    const dto = (await pipe.transform({ nodesJson: '{"items":[]}', servicesCount: 0 }, meta)) as ClusterAuditInputDto;
    expect(dto.servicesCount).toBe(0);
  });
});
