import { MASK } from '@updraft/secrets';

const SENSITIVE_KEY = /pass|secret|token|key|auth|credential|cookie/i;

type Extra = Record<string, unknown>;

function isSensitive(key: string, parent: string | null): boolean {
  // Every header may carry a credential (Authorization, X-Api-Key, Cookie…), so all header values are hidden.
  return parent === 'headers' || SENSITIVE_KEY.test(key);
}

/** `extra` as the browser may see it: credentials in it replaced by the mask, however deep. */
export function maskExtra(extra: Extra, parent: string | null = null): Extra {
  return Object.fromEntries(
    Object.entries(extra).map(([key, value]) => {
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        return [key, maskExtra(value as Extra, key)];
      return [key, isSensitive(key, parent) && value !== null && value !== '' ? MASK : value];
    }),
  );
}

/** An edited `extra`: where the caller sent the mask back unchanged, the stored value stays. */
export function unmaskExtra(incoming: Extra, stored: Extra): Extra {
  return Object.fromEntries(
    Object.entries(incoming).map(([key, value]) => {
      const before = stored[key];
      if (value === MASK && before !== undefined) return [key, before];
      if (
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value) &&
        before !== null &&
        typeof before === 'object' &&
        !Array.isArray(before)
      ) {
        return [key, unmaskExtra(value as Extra, before as Extra)];
      }
      return [key, value];
    }),
  );
}
