import { describe, expect, it } from 'vitest';

import { ProblemError } from '../../api/problems';
import { errorKind, problemDetail, problemKind } from './problems';

describe('approval refusals', () => {
  it('by problem type first', () => {
    expect(problemKind({ type: 'https://stackgate.io/problems/separation-of-duties', status: 403 })).toBe('problems.separationOfDuties');
    expect(problemKind({ type: 'https://stackgate.io/problems/task-held', status: 409 })).toBe('problems.held');
    expect(problemKind({ type: 'https://stackgate.io/problems/task-not-found' })).toBe('problems.gone');
  });

  it('by status when the type is unknown', () => {
    expect(problemKind({ type: 'about:blank' }, 409)).toBe('problems.conflict');
    expect(problemKind({ status: 403 })).toBe('problems.forbidden');
    expect(problemKind({}, 500)).toBe('problems.unexpected');
  });

  it('from an error', () => {
    const error = new ProblemError({ title: 'Forbidden', detail: 'you requested it yourself', type: 'https://stackgate.io/problems/separation-of-duties' }, 403);
    expect(errorKind(error)).toBe('problems.separationOfDuties');
    expect(problemDetail(error)).toBe('you requested it yourself');
    expect(errorKind(new Error('boom'))).toBe('problems.unexpected');
  });
});
