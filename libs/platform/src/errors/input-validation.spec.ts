import type { ArgumentMetadata } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, MaxLength, ValidateNested } from 'class-validator';
import { InputValidationError } from './input-validation.error';
import { createInputValidationPipe } from './input-validation.pipe';
import { validateInput } from './validate-input';

class Address {
  @IsNotEmpty()
  city!: string;
}

class Order {
  @MaxLength(5)
  @IsNotEmpty()
  name!: string;

  @IsIn(['a', 'b'], { message: 'kind must be one of: a, b' })
  kind!: string;

  @IsInt()
  count!: number;

  @ValidateNested()
  @Type(() => Address)
  address!: Address;
}

const good = { name: 'tea', kind: 'a', count: 2, address: { city: 'Łódź' } };
const body: ArgumentMetadata = { type: 'body', metatype: Order };

async function rejection(run: () => Promise<unknown>): Promise<InputValidationError> {
  const error = await run().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(InputValidationError);
  return error as InputValidationError;
}

describe('input validation', () => {
  describe('createInputValidationPipe', () => {
    const pipe = createInputValidationPipe();

    it('passes valid input through as an instance of the DTO', async () => {
      await expect(pipe.transform(good, body)).resolves.toBeInstanceOf(Order);
    });

    it('names every bad field with its reason, nested fields as dotted paths', async () => {
      const error = await rejection(() =>
        pipe.transform({ ...good, name: 'too long', kind: 'c', address: { city: '' } }, body),
      );

      expect(error.violations).toEqual([
        { field: 'name', reason: 'must be shorter than or equal to 5 characters' },
        { field: 'kind', reason: 'must be one of: a, b' },
        { field: 'address.city', reason: 'should not be empty' },
      ]);
      expect(error.message).toBe(
        'name: must be shorter than or equal to 5 characters; kind: must be one of: a, b; ' +
          'address.city: should not be empty',
      );
    });

    it('rejects a property the DTO does not have, so a typo is not silently dropped', async () => {
      const error = await rejection(() => pipe.transform({ ...good, nmae: 'x' }, body));

      expect(error.violations).toEqual([{ field: 'nmae', reason: 'should not exist' }]);
    });
  });

  describe('validateInput', () => {
    it('applies the same rules to plain data and drops unknown properties', async () => {
      const order = await validateInput(Order, { ...good, extra: true });

      expect(order).toBeInstanceOf(Order);
      expect(order).not.toHaveProperty('extra');
    });

    it('names the bad fields', async () => {
      const error = await rejection(() => validateInput(Order, { ...good, count: 'two' }));

      expect(error.violations).toEqual([{ field: 'count', reason: 'must be an integer number' }]);
    });

    it.each([null, 'text', [good]])('rejects %j, which is no JSON object', async (data) => {
      const error = await rejection(() => validateInput(Order, data));

      expect(error.violations).toEqual([{ field: '(body)', reason: 'must be a JSON object' }]);
    });
  });
});
