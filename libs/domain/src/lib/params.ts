import type { ParamSpec } from '@updraft/sdk';

export interface ParamProblem {
  field: string;
  problems: string[];
}

function typeProblem(spec: ParamSpec, value: unknown): string | null {
  switch (spec.type) {
    case undefined:
      return null;
    case 'integer':
      return Number.isInteger(value) ? null : 'must be an integer';
    case 'array':
      return Array.isArray(value) ? null : 'must be an array';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? null : 'must be an object';
    default:
      return typeof value === spec.type ? null : `must be a ${spec.type}`;
  }
}

/**
 * A run's params: the DAG's declared defaults overridden by the trigger's `conf`. Every declared
 * param must end up with a value of its type (and in its `enum`); conf keys the DAG does not
 * declare pass through, as in Airflow.
 */
export function resolveParams(
  declared: Record<string, ParamSpec>,
  conf: Record<string, unknown>,
): { params: Record<string, unknown>; problems: ParamProblem[] } {
  const params: Record<string, unknown> = { ...conf };
  const problems: ParamProblem[] = [];
  for (const [name, spec] of Object.entries(declared)) {
    const value = name in conf ? conf[name] : spec.default;
    const field = `conf.${name}`;
    if (value === undefined) {
      problems.push({ field, problems: [`${field} is required (the DAG declares it without a default)`] });
      continue;
    }
    const wrongType = typeProblem(spec, value);
    if (wrongType) problems.push({ field, problems: [`${field} ${wrongType}`] });
    else if (spec.enum && !spec.enum.some((allowed) => JSON.stringify(allowed) === JSON.stringify(value))) {
      problems.push({
        field,
        problems: [`${field} must be one of ${spec.enum.map((e) => JSON.stringify(e)).join(', ')}`],
      });
    }
    params[name] = value;
  }
  return { params, problems };
}
