/**
 * The errors of a refused tenants-config reload (422): the problem body carries `errors[]` of
 * {file, line (1-based, 0 = the whole file), field, message} — the API's ConfigError.
 */
export interface ConfigError {
  file: string;
  line: number;
  field: string;
  message: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** The config errors of a problem body (tolerant: `path` for `field`, a missing line as 0, a missing file as ''). */
export function configErrors(problem: unknown): ConfigError[] {
  if (!isRecord(problem) || !Array.isArray(problem.errors)) {
    return [];
  }
  return problem.errors.filter(isRecord).map(error => ({
    file: typeof error.file === 'string' ? error.file : '',
    line: typeof error.line === 'number' ? error.line : Number(error.line) || 0,
    field: typeof error.field === 'string' ? error.field : typeof error.path === 'string' ? error.path : '',
    message: typeof error.message === 'string' ? error.message : String(error.message ?? ''),
  }));
}

/** By file (natural order: tenant-2 before tenant-10), then line, then field, then message. */
export function sortConfigErrors(errors: ConfigError[]): ConfigError[] {
  const natural = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
  return [...errors].sort((a, b) => natural.compare(a.file, b.file) || a.line - b.line
    || natural.compare(a.field, b.field) || a.message.localeCompare(b.message));
}

/** The sorted errors grouped by file, in file order. */
export function errorsByFile(errors: ConfigError[]): { file: string; errors: ConfigError[] }[] {
  const groups: { file: string; errors: ConfigError[] }[] = [];
  sortConfigErrors(errors).forEach(error => {
    const last = groups[groups.length - 1];
    if (last && last.file === error.file) {
      last.errors.push(error);
    } else {
      groups.push({ file: error.file, errors: [error] });
    }
  });
  return groups;
}

/** "tenants/acme.yaml:12" ("tenants/acme.yaml" for line 0, the whole file). */
export function location(error: ConfigError): string {
  return error.line > 0 ? `${error.file}:${error.line}` : error.file;
}

/** What a reload changed in the tenant list: the tenants before (the list shown) and after (the report's). */
export function tenantChanges(before: string[] | undefined, after: string[]): { added: string[]; removed: string[]; kept: string[] } {
  if (!before) {
    return { added: [], removed: [], kept: [...after].sort() };
  }
  const was = new Set(before);
  const now = new Set(after);
  return {
    added: after.filter(t => !was.has(t)).sort(),
    removed: before.filter(t => !now.has(t)).sort(),
    kept: after.filter(t => was.has(t)).sort(),
  };
}
