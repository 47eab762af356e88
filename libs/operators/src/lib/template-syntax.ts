export const TEMPLATE_SYNTAX = /\{\{|\{%/;

/** True when a config value holds template syntax anywhere (strings in objects and lists too). */
export function holdsTemplate(value: unknown): boolean {
  if (typeof value === 'string') return TEMPLATE_SYNTAX.test(value);
  if (Array.isArray(value)) return value.some(holdsTemplate);
  if (value && typeof value === 'object') return Object.values(value).some(holdsTemplate);
  return false;
}
