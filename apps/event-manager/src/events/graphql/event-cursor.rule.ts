import { ValidatorConstraint, type ValidatorConstraintInterface } from 'class-validator';
import { isEventCursor } from '../events.repository';

/** `after`/`before` must be a cursor `allEvents` handed out, not any string. */
@ValidatorConstraint({ name: 'eventCursor' })
export class EventCursorRule implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && isEventCursor(value);
  }

  defaultMessage(): string {
    return '$property must be a cursor from a previous allEvents page';
  }
}
