import { Transform } from 'class-transformer';
import { IsEmail, IsString, Length, MaxLength } from 'class-validator';
import type { RegisterCustomerInput } from './shop.commands.port';
import { trimmed } from './trimmed';

/** A customer registering; the e-mail is kept in lower case, as it is compared. */
export class RegisterCustomerDto implements RegisterCustomerInput {
  @Transform(trimmed)
  @Length(1, 200)
  @IsString()
  name!: string;

  @Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value))
  @MaxLength(254)
  @IsEmail()
  @IsString()
  email!: string;
}
