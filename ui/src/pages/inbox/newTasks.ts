/**
 * Which tasks of a list are new since the user looked: the first answer for a view (filters + page) is what they
 * saw; later answers' ids that were not in it are new until the user marks them seen.
 */
export interface Seen {
  view: string;
  ids: Set<string>;
}

export function newSince(seen: Seen | undefined, view: string, ids: string[]): { seen: Seen; fresh: string[] } {
  if (!seen || seen.view !== view) {
    return { seen: { view, ids: new Set(ids) }, fresh: [] };
  }
  return { seen, fresh: ids.filter(id => !seen.ids.has(id)) };
}

export function markSeen(seen: Seen, ids: string[]): Seen {
  return { view: seen.view, ids: new Set([...seen.ids, ...ids]) };
}
