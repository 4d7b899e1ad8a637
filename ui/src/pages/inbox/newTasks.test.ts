import { describe, expect, it } from 'vitest';

import { markSeen, newSince } from './newTasks';

describe('new tasks since the user looked', () => {
  it('the first answer of a view is what was seen', () => {
    const { seen, fresh } = newSince(undefined, 'tenant=acme', ['a', 'b']);
    expect(fresh).toEqual([]);
    expect([...seen.ids]).toEqual(['a', 'b']);
  });

  it('later ids not seen are new; ids that left do not count', () => {
    const first = newSince(undefined, 'v', ['a', 'b']).seen;
    expect(newSince(first, 'v', ['c', 'b', 'd']).fresh).toEqual(['c', 'd']);
  });

  it('marking seen clears them; another view starts over', () => {
    const first = newSince(undefined, 'v', ['a']).seen;
    const marked = markSeen(first, ['c']);
    expect(newSince(marked, 'v', ['a', 'c']).fresh).toEqual([]);
    expect(newSince(marked, 'other', ['x']).fresh).toEqual([]);
  });
});
