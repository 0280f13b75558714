/** The seed's event names (domain_layer/enums): UPPER_SNAKE. A new event is one line here. */
export enum Events {
  USER_CREATED = 'USER_CREATED',
  USER_UPDATED = 'USER_UPDATED',
  USER_DELETED = 'USER_DELETED',
  ROLE_CREATED = 'ROLE_CREATED',
  ROLE_UPDATED = 'ROLE_UPDATED',
  ROLE_DELETED = 'ROLE_DELETED',
  CLAIM_ADDED = 'CLAIM_ADDED',
  CLAIM_REMOVED = 'CLAIM_REMOVED',
}
