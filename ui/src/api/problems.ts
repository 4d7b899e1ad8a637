/**
 * RFC 7807 problem bodies as the API writes them: `type`, `title`, `status`, `detail`, and for bad input the field it
 * names (`field`) or several (`errors[]` of field + message).
 */
export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  field?: string;
  errors?: FieldError[];
  [key: string]: unknown;
}

export class ProblemError extends Error {
  readonly problem: Problem;
  readonly status: number;

  constructor(problem: Problem, status: number) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.problem = problem;
    this.status = status;
  }
}

export function isProblem(value: unknown): value is Problem {
  return typeof value === 'object' && value !== null && ('title' in value || 'detail' in value || 'type' in value);
}

/** openapi-fetch answers {data, error, response}: the data, or a ProblemError carrying the problem body. */
export function unwrap<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.error !== undefined || !result.response.ok) {
    const problem: Problem = isProblem(result.error) ? result.error : { title: result.response.statusText };
    throw new ProblemError(problem, result.response.status);
  }
  return result.data as T;
}

/**
 * The field errors of a problem as Ant Design form fields: `spec.vcpus` becomes the name path ['spec', 'vcpus'];
 * list indexes (`spec.sshKeys[0]`) become numbers.
 */
export function fieldErrors(problem: Problem): { name: (string | number)[]; errors: string[] }[] {
  const all: FieldError[] = [...(problem.errors ?? [])];
  if (problem.field && !all.some(e => e.field === problem.field)) {
    all.push({ field: problem.field, message: problem.detail ?? problem.title ?? '' });
  }
  const byField = new Map<string, string[]>();
  all.forEach(({ field, message }) => byField.set(field, [...(byField.get(field) ?? []), message]));
  return [...byField.entries()].map(([field, errors]) => ({ name: namePath(field), errors }));
}

export function namePath(field: string): (string | number)[] {
  return field
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter(part => part.length > 0)
    .map(part => (/^\d+$/.test(part) ? Number(part) : part));
}
