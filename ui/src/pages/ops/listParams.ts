/** Paging and filters of the operator lists, kept in the URL (page from 0 as the API counts, shown from 1). */
export const PAGE_SIZES = [10, 20, 50, 100];
export const DEFAULT_SIZE = 20;

export function pageOf(params: URLSearchParams): number {
  const page = Number(params.get('page'));
  return Number.isInteger(page) && page > 0 ? page : 0;
}

export function sizeOf(params: URLSearchParams): number {
  const size = Number(params.get('size'));
  return PAGE_SIZES.includes(size) ? size : DEFAULT_SIZE;
}

/** One of the allowed values, or the fallback. */
export function oneOf<T extends string>(value: string | null, allowed: readonly T[], fallback: T): T {
  return (allowed as readonly string[]).includes(value ?? '') ? (value as T) : fallback;
}

/**
 * The params with the given values set (undefined/empty removes them, a default too); a filter change goes back to
 * the first page.
 */
export function withParams(params: URLSearchParams, changes: Record<string, string | number | undefined>,
  defaults: Record<string, string> = {}): URLSearchParams {
  const next = new URLSearchParams(params);
  let filterChanged = false;
  Object.entries(changes).forEach(([key, value]) => {
    const text = value === undefined ? '' : String(value);
    if (key !== 'page' && key !== 'size') {
      filterChanged = true;
    }
    if (text === '' || defaults[key] === text || (key === 'page' && text === '0') || (key === 'size' && text === String(DEFAULT_SIZE))) {
      next.delete(key);
    } else {
      next.set(key, text);
    }
  });
  if (filterChanged && !('page' in changes)) {
    next.delete('page');
  }
  return next;
}

/** Camunda Cockpit's page of a process instance (the engine's web apps under /camunda). */
export function cockpitUrl(processInstanceId: string | null | undefined): string | undefined {
  return processInstanceId ? `/camunda/app/cockpit/default/#/process-instance/${encodeURIComponent(processInstanceId)}` : undefined;
}

/** The first line of a long cause, cut at `max` characters, and whether there is more to show. */
export function firstLine(text: string | null | undefined, max = 160): { head: string; more: boolean } {
  const full = (text ?? '').trim();
  const line = full.split('\n')[0];
  const head = line.length > max ? `${line.slice(0, max - 1)}…` : line;
  return { head, more: head !== full };
}
