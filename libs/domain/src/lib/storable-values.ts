/**
 * What PostgreSQL can store of what tenant code produces. Text columns hold no NUL, and UTF-8 has
 * no lone surrogates (half of a UTF-16 pair); `jsonb` rejects both as `\u` escapes. Left in, one
 * such value makes the whole statement fail, and a statement may carry many tenants' tries.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const NUL = /\0/g;
/** Shown where a character could not be stored, so the text is kept and the change is visible. */
export const REPLACEMENT_CHARACTER = '\uFFFD';

/** Text as PostgreSQL can store it: each NUL and lone surrogate replaced by U+FFFD. */
export function storableText(text: string): string {
  return text.replace(NUL, REPLACEMENT_CHARACTER).replace(LONE_SURROGATE, REPLACEMENT_CHARACTER);
}

/** What makes a string unstorable, or null. */
function flawOf(text: string): string | null {
  if (text.includes('\0')) return 'a NUL character (\\u0000)';
  LONE_SURROGATE.lastIndex = 0;
  return LONE_SURROGATE.test(text) ? 'a lone UTF-16 surrogate (invalid Unicode)' : null;
}

function pathTo(path: string, key: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function findFlaw(value: unknown, path: string): string | null {
  if (typeof value === 'string') {
    const flaw = flawOf(value);
    return flaw && `${flaw} at ${path}`;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findFlaw(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      const keyFlaw = flawOf(key);
      if (keyFlaw) return `${keyFlaw} in a key under ${path}`;
      const found = findFlaw(inner, pathTo(path, key));
      if (found) return found;
    }
  }
  return null;
}

/**
 * Why a JSON document cannot be stored as `jsonb` (where the bad character is, e.g. "a NUL
 * character (\u0000) at $.rows[2].name"), or null when it can. JSON without a `\u` escape is
 * never parsed: both flaws reach JSON only as escapes.
 */
export function unstorableJsonReason(json: string): string | null {
  if (json.includes('\0')) return 'a NUL character (\\u0000)';
  if (!json.includes('\\u')) return null;
  return findFlaw(JSON.parse(json), '$');
}
