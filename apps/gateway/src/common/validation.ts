import { BadRequestException, ValidationPipe, type ArgumentMetadata } from '@nestjs/common';
import { errorBody, MAX_INPUT_DEPTH, nestsDeeperThan } from '@xb/contracts';
import { validationDetails } from '@xb/service-kit';

/**
 * Gateway-side validation (the service validates again): 400 naming every offending field.
 * Input nested deeper than any DTO is refused first: class-transformer would recurse
 * through it until the stack overflows.
 */
class PlatformValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (nestsDeeperThan(value)) {
      const field = metadata.type === 'body' ? 'body' : (metadata.data ?? metadata.type);
      throw new BadRequestException(errorBody(400, `Input nests deeper than ${MAX_INPUT_DEPTH} levels`, [{ field, message: 'nested too deeply' }]));
    }
    return super.transform(value, metadata);
  }
}

export function createValidationPipe(): ValidationPipe {
  return new PlatformValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) => new BadRequestException(errorBody(400, 'Validation failed', validationDetails(errors))),
  });
}
