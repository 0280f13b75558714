/** The two roles: `admin` manages users and everything else; `client` calls the API. */
export const USER_ROLES = ['admin', 'client'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Column size, enforced on input so the database never truncates or rejects a write. */
export const USERNAME_MAX_LENGTH = 150;

/** Django's username rule, which the seed's users had: letters, digits and @ . + - _ */
export const USERNAME_PATTERN = /^[\w.@+-]+$/;

export const PASSWORD_MIN_LENGTH = 8;

/** Usernames this long or longer must not occur in the password. */
const MIN_SIMILAR_USERNAME = 4;

/** Far above any real password; argon2 hashes whatever it gets, so bound the work. */
export const PASSWORD_MAX_LENGTH = 1024;

/**
 * Why `password` is too weak for `username`, or undefined when it will do. Django's default
 * validators, less its list of common passwords: long enough, not all digits, not holding
 * the username.
 */
export function passwordWeakness(password: string, username: string): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `must contain at least ${PASSWORD_MIN_LENGTH} characters`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `must contain at most ${PASSWORD_MAX_LENGTH} characters`;
  }
  if (/^\d+$/.test(password)) return 'must not be entirely numeric';
  // A short username (`ops`) may well occur in a good password by chance.
  const name = username.toLowerCase();
  const lower = password.toLowerCase();
  if (lower === name || (name.length >= MIN_SIMILAR_USERNAME && lower.includes(name))) {
    return 'must not contain the username';
  }
  return undefined;
}
