import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { CachingValidationPipe } from '../common/validation-pipe.js';
import { CheckPolicyForWindowsArgs } from './policies.models.js';

/**
 * The Windows check's body, in either of its forms, to the manifest text: the YAML itself
 * (application/yaml or text/yaml, which the app parses as text), or a JSON CheckPolicyForWindowsArgs
 * object validated like every other body (a missing or non-string `manifest`, an unknown field or
 * an array is 400 VALIDATION_FAILED). The handler's parameter is a string, so the global validation
 * pipe passes the body through untouched and this pipe is its one validation.
 */
@Injectable()
export class WindowsCheckBodyPipe implements PipeTransform<unknown, Promise<string>> {
  private readonly validation = new CachingValidationPipe();

  async transform(body: unknown, metadata: ArgumentMetadata): Promise<string> {
    if (typeof body === 'string') return body;
    const args = (await this.validation.transform(body, { ...metadata, metatype: CheckPolicyForWindowsArgs })) as CheckPolicyForWindowsArgs;
    return args.manifest;
  }
}
