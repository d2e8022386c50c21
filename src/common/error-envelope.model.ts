import { ApiProperty } from '@nestjs/swagger';
import { ErrorCode } from './domain-error.js';

/** The `error` object of every REST error response (src/common/error-mapping.ts restErrorBody). */
export class ErrorBody {
  @ApiProperty({
    enum: Object.values(ErrorCode),
    enumName: 'ErrorCode',
    description: 'Stable code; the README lists each with its HTTP status.',
  })
  code: ErrorCode;

  @ApiProperty({ description: 'What went wrong and what to change, for people.' })
  message: string;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'Machine-readable specifics: the field and rule of a validation error, the allowed methods, the running refresh.',
  })
  details: Record<string, unknown> | null;

  @ApiProperty({ type: String, nullable: true, description: 'The x-request-id of the request, for the logs.' })
  requestId: string | null;
}

/** Every REST error: `{"error": {"code", "message", "details", "requestId"}}`. */
export class ErrorEnvelope {
  @ApiProperty({ type: ErrorBody })
  error: ErrorBody;
}
