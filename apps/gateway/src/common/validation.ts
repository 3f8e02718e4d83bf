import { BadRequestException, ValidationPipe } from '@nestjs/common';
import { errorBody } from '@xb/contracts';
import { validationDetails } from '@xb/service-kit';

/** Gateway-side validation (the service validates again): 400 naming every offending field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: true,
    forbidUnknownValues: false,
    exceptionFactory: (errors) => new BadRequestException(errorBody(400, 'Validation failed', validationDetails(errors))),
  });
}
