import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

const COMMON = new Set(COMMON_PASSWORDS);

/**
 * Why a password may not be used, or null when it may. Besides the list itself, a listed
 * password padded with digits or symbols ("password2024!") or repeated ("qwertyqwerty") counts
 * as common, and so does the account's own email or its local part.
 */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_MIN_LENGTH) return `password must be at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `password must be at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  const unpadded = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  const repeatedUnit = /^(.+?)\1+$/.exec(lower)?.[1];
  if (
    [lower, unpadded, repeatedUnit].some((candidate) => candidate && COMMON.has(candidate)) ||
    /^(.)\1+$/.test(lower)
  ) {
    return 'password is too common: it is on the list of common passwords; choose another';
  }
  if (/^\d+$/.test(lower)) return 'password is too common: it is only digits; choose another';
  const local = email?.toLowerCase().split('@')[0];
  if (email && (lower.includes(email.toLowerCase()) || (local && local.length >= 4 && unpadded === local))) {
    return 'password must not be your email address';
  }
  return null;
}
