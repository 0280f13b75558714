import { HttpStatus } from '@nestjs/common';
import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { EXAMPLE_CUSTOMER_ID, EXAMPLE_NEW_CUSTOMER } from './shop.examples';

// The error answers as libs/platform's DomainErrorFilter writes them (toHttpAnswer): the shop
// throws InputValidationError, NotFoundError and ConflictError, and that filter answers every
// app's HTTP API the same way.

@ApiSchema({ name: 'FieldViolation' })
export class FieldViolationDoc {
  @ApiProperty({ example: 'price', description: 'The field, a dotted path when nested.' })
  field!: string;

  @ApiProperty({ example: 'must not be less than 0.01' })
  reason!: string;
}

@ApiSchema({
  name: 'InvalidInput',
  description: 'Every bad field with its reason; nothing was published.',
})
export class InvalidInputDoc {
  @ApiProperty({ example: HttpStatus.BAD_REQUEST })
  statusCode!: number;

  @ApiProperty({ example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    example: 'price: must not be less than 0.01',
    description: 'Each violation as `field: reason`, joined by "; ".',
  })
  message!: string;

  @ApiProperty({ type: [FieldViolationDoc] })
  violations!: FieldViolationDoc[];
}

@ApiSchema({ name: 'NotFound', description: 'The customer, product or purchase named is unknown.' })
export class NotFoundDoc {
  @ApiProperty({ example: HttpStatus.NOT_FOUND })
  statusCode!: number;

  @ApiProperty({ example: 'Not Found' })
  error!: string;

  @ApiProperty({ example: `customer ${EXAMPLE_CUSTOMER_ID} does not exist` })
  message!: string;
}

@ApiSchema({
  name: 'Conflict',
  description:
    'The request clashes with what the shop holds: an e-mail already registered, or fewer units left than asked. It may succeed later.',
})
export class ConflictDoc {
  @ApiProperty({ example: HttpStatus.CONFLICT })
  statusCode!: number;

  @ApiProperty({ example: 'Conflict' })
  error!: string;

  @ApiProperty({ example: `customer with email "${EXAMPLE_NEW_CUSTOMER.email}" already exists` })
  message!: string;

  @ApiProperty({ example: 'email', description: 'The field whose value clashes.' })
  field!: string;
}

export const ERROR_MODELS = [FieldViolationDoc, InvalidInputDoc, NotFoundDoc, ConflictDoc];
