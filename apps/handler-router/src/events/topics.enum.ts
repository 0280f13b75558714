/** The seed's topics (domain_layer/enums): lower_snake, one per aggregate. */
export enum Topics {
  USER_EVENTS = 'user_events',
  ROLE_EVENTS = 'role_events',
}
