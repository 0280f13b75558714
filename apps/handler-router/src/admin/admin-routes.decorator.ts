import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiHeader, ApiTags } from '@nestjs/swagger';
import { ACTING_USER_HEADER } from './acting-user.decorator';

/** What every admin controller documents: its tag, the acting-user header, bad input. */
export function ApiAdminRoutes(): ClassDecorator {
  return applyDecorators(
    ApiTags('admin'),
    ApiHeader({
      name: ACTING_USER_HEADER,
      required: false,
      description:
        'Who acts: the userId of the events (and audit entries) the request makes; default system',
    }),
    ApiBadRequestResponse({ description: 'A field breaks a rule: the answer names it and why' }),
  );
}
