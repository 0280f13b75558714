import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString } from 'class-validator';

/** Body of `POST /api/token/`: the seed's `{"username": ..., "password": ...}`. */
export class ObtainTokenInput {
  @ApiProperty({ example: 'admin' })
  @IsNotEmpty()
  @IsString()
  username!: string;

  @ApiProperty({ format: 'password' })
  @IsNotEmpty()
  @IsString()
  password!: string;
}

/** Body of `POST /api/token/refresh/`: the seed's `{"refresh": ...}`. */
export class RefreshTokenInput {
  @ApiProperty({ description: 'The refresh token POST /api/token/ gave' })
  @IsNotEmpty()
  @IsString()
  refresh!: string;
}
