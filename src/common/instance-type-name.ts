import { applyDecorators } from '@nestjs/common';
import { IsString, MaxLength } from 'class-validator';
import { INSTANCE_TYPE_NAME_MAX_LENGTH } from './aws-names.js';

/**
 * An instance type name (or, with `each`, a list of them): a string of at most
 * INSTANCE_TYPE_NAME_MAX_LENGTH characters. The one rule every input that takes a name uses (bodies,
 * queries, REST path parameters, GraphQL arguments), so an over-long name is refused the same way
 * whichever door and operation it comes through; a well-formed unknown name is each operation's own
 * answer (INSTANCE_TYPE_NOT_FOUND, or null).
 */
export function IsInstanceTypeName(options: { each?: boolean } = {}): PropertyDecorator {
  const each = options.each === true;
  const message =
    `${each ? 'each value in ' : ''}$property must be at most ${INSTANCE_TYPE_NAME_MAX_LENGTH} characters: ` +
    'no EC2 instance type name is that long';
  return applyDecorators(IsString({ each }), MaxLength(INSTANCE_TYPE_NAME_MAX_LENGTH, { each, message }));
}
