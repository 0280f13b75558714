import { Type } from 'class-transformer';
import { IsDefined, IsObject, ValidateNested } from 'class-validator';

/**
 * Event values as the handlers accept them, checked with class-validator before a handler
 * uses them: a value without `userId`, `data` or an id its handler needs is dead-lettered with
 * the field and the reason instead of writing an audit entry full of `undefined`.
 */
class EntityRef {
  @IsDefined()
  id!: string | number;
}

class ClaimRef extends EntityRef {
  @IsDefined()
  roleId!: string | number;
}

class Value {
  @IsDefined()
  userId!: string | number;
}

export class EntityEventValue extends Value {
  @ValidateNested()
  @Type(() => EntityRef)
  @IsObject()
  data!: EntityRef;
}

export class ClaimEventValue extends Value {
  @ValidateNested()
  @Type(() => ClaimRef)
  @IsObject()
  data!: ClaimRef;
}
