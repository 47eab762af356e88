import { BadRequestException } from '@nestjs/common';
import type { UpdraftConfig } from '@updraft/config';

type JsonLimits = Pick<UpdraftConfig, 'maxJsonBodyBytes' | 'maxJsonDepth'>;

/**
 * Options of the api's JSON body parser: the size limit, and a check of the raw text before it
 * is parsed. Too deep a document (which later recursion in validation could not survive) and NUL
 * characters in strings (which PostgreSQL text cannot hold) are refused with a 400 naming the
 * limit or the field.
 */
export function jsonBodyOptions(limits: JsonLimits): {
  limit: number;
  verify: (req: unknown, res: unknown, raw: Buffer) => void;
} {
  return {
    limit: limits.maxJsonBodyBytes,
    verify: (_req, _res, raw) => {
      const problem = unsafeJsonProblem(raw.toString('utf8'), limits.maxJsonDepth);
      if (problem) throw new BadRequestException(problem);
    },
  };
}

interface Problem {
  message: string;
  details: { field: string; problems: string[] }[];
}

/** One pass over the text (no recursion, so no depth can overflow it); a NUL escape found is then located by field. */
export function unsafeJsonProblem(text: string, maxDepth: number): Problem | null {
  let depth = 0;
  let inString = false;
  let nulEscape = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) {
        if (text.startsWith('u0000', i + 1)) nulEscape = true;
        i++;
      } else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) {
        return {
          message: `request body nests objects and arrays more than ${maxDepth} levels deep (MAX_JSON_DEPTH)`,
          details: [{ field: 'body', problems: [`nesting deeper than ${maxDepth}`] }],
        };
      }
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  if (!nulEscape) return null;
  const field = fieldWithNul(text);
  return field === null
    ? null
    : {
        message: `${field} must not contain a NUL character (\\u0000)`,
        details: [{ field, problems: ['contains a NUL character'] }],
      };
}

const [BACKSLASH, QUOTE, OPEN_BRACE, OPEN_BRACKET, CLOSE_BRACE, CLOSE_BRACKET] = ['\\', '"', '{', '[', '}', ']'].map(
  (c) => c.charCodeAt(0),
);

/** The path (`conf.rows[2].name`) of the first string or key holding NUL; null when the text is not JSON (the parser says so) or holds none. */
function fieldWithNul(text: string): string | null {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch {
    return null;
  }
  const stack: [unknown, string][] = [[root, '']];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [value, path] = next;
    if (typeof value === 'string' && value.includes('\0')) return path || 'body';
    if (value === null || typeof value !== 'object') continue;
    for (const [key, child] of Object.entries(value)) {
      const name = key.includes('\0') ? JSON.stringify(key).slice(1, -1) : key;
      const childPath = Array.isArray(value) ? `${path}[${key}]` : path ? `${path}.${name}` : name;
      if (key.includes('\0')) return childPath;
      stack.push([child, childPath]);
    }
  }
  return null;
}
