import { COMMON_PASSWORDS } from './common-passwords';
import { passwordProblem } from './password-policy';

describe('passwordProblem', () => {
  it.each([
    ['short1!', 'password must be at least 12 characters'],
    ['x'.repeat(201), 'password must be at most 200 characters'],
    ['qwertyuiop123', 'password is too common: it is on the list of common passwords; choose another'],
    ['Password2024!', 'password is too common: it is on the list of common passwords; choose another'],
    ['monkeymonkeymonkey', 'password is too common: it is on the list of common passwords; choose another'],
    ['aaaaaaaaaaaaaaa', 'password is too common: it is on the list of common passwords; choose another'],
    ['314159265358979', 'password is too common: it is only digits; choose another'],
  ])('refuses %s', (password, problem) => {
    expect(passwordProblem(password)).toBe(problem);
  });

  it('refuses the account email and its local part', () => {
    expect(passwordProblem('ada.lovelace@example.com', 'ada.lovelace@example.com')).toBe(
      'password must not be your email address',
    );
    expect(passwordProblem('ada.lovelace2024', 'ada.lovelace@example.com')).toBe(
      'password must not be your email address',
    );
  });

  it('accepts long, uncommon passwords', () => {
    for (const password of [
      'correct horse battery staple',
      'updraft-demo-kestrel-42',
      'e2e-correct-horse-battery',
      'Tr0ub4dor&3-sailing',
    ]) {
      expect(passwordProblem(password, 'ada@example.com')).toBeNull();
    }
  });

  it('keeps a list of lowercase entries without duplicates', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThan(900);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    expect(COMMON_PASSWORDS.every((p) => p === p.toLowerCase())).toBe(true);
  });
});
