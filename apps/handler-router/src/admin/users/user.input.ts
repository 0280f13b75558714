import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { trim } from '../admin.input';
import { EMAIL_MAX_LENGTH, USERNAME_MAX_LENGTH, USERNAME_PATTERN } from './user.rules';

/** Body of `POST /admin/users`. */
export class CreateUserInput {
  @ApiProperty({ example: 'ada' })
  @Matches(USERNAME_PATTERN, {
    message: 'username may contain only letters, digits and @ . + - _',
  })
  @MaxLength(USERNAME_MAX_LENGTH)
  @IsNotEmpty()
  @IsString()
  @Transform(trim)
  username!: string;

  @ApiProperty({ format: 'email', example: 'ada@example.com' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(EMAIL_MAX_LENGTH)
  @IsString()
  @Transform(trim)
  email!: string;
}

/** Body of `PATCH /admin/users/:id`: only the fields given change (at least one). */
export class UpdateUserInput {
  @ApiPropertyOptional()
  @Matches(USERNAME_PATTERN, {
    message: 'username may contain only letters, digits and @ . + - _',
  })
  @MaxLength(USERNAME_MAX_LENGTH)
  @IsNotEmpty()
  @IsString()
  @Transform(trim)
  @IsOptional()
  username?: string;

  @ApiPropertyOptional({ format: 'email' })
  @IsEmail({}, { message: 'email must be an e-mail address' })
  @MaxLength(EMAIL_MAX_LENGTH)
  @IsString()
  @Transform(trim)
  @IsOptional()
  email?: string;
}
