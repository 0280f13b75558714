/** A page of a list the admin API serves: `limit` items from `offset`, oldest first. */
export interface PageRequest {
  readonly limit: number;
  readonly offset: number;
}

export interface Page<T> {
  readonly items: T[];
  readonly totalCount: number;
}
