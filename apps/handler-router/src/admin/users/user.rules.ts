/** Column sizes, enforced on input so the database never truncates or rejects a write. */
export const USERNAME_MAX_LENGTH = 150;
export const EMAIL_MAX_LENGTH = 254;

/** Django's username rule, which the seed's admin service followed: letters, digits, @.+-_ */
export const USERNAME_PATTERN = /^[\w.@+-]+$/;
