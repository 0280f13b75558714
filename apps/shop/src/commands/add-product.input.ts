import { Transform } from 'class-transformer';
import { IsInt, IsNumber, IsString, Length, Max, Min } from 'class-validator';
import type { AddProductInput } from './shop.commands.port';
import { trimmed } from './trimmed';

/** The operator's new product, checked with the same rules whoever sends it. */
export class AddProductDto implements AddProductInput {
  @Transform(trimmed)
  @Length(1, 200)
  @IsString()
  name!: string;

  @Max(1_000_000)
  @Min(0.01)
  @IsNumber({ maxDecimalPlaces: 2, allowNaN: false, allowInfinity: false })
  price!: number;

  @Max(1_000_000)
  @Min(0)
  @IsInt()
  stock!: number;
}
