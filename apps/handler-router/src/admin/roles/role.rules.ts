/** Column sizes, enforced on input so the database never truncates or rejects a write. */
export const ROLE_NAME_MAX_LENGTH = 100;
export const CLAIM_NAME_MAX_LENGTH = 255;
