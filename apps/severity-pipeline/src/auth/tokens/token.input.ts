import { IsNotEmpty, IsString } from 'class-validator';

/** Body of `POST /api/token/`: the seed's `{"username": ..., "password": ...}`. */
export class ObtainTokenInput {
  @IsNotEmpty()
  @IsString()
  username!: string;

  @IsNotEmpty()
  @IsString()
  password!: string;
}

/** Body of `POST /api/token/refresh/`: the seed's `{"refresh": ...}`. */
export class RefreshTokenInput {
  @IsNotEmpty()
  @IsString()
  refresh!: string;
}
