import { describe, expect, it } from 'vitest';

import { COMMENT_MAX, commentBody, commentError, delegateError } from './rules';

describe('the decision comment', () => {
  it('approve: optional', () => {
    expect(commentError('approve', '')).toBeNull();
    expect(commentError('approve', undefined)).toBeNull();
  });

  it('reject: a reason is required, blanks are not one', () => {
    expect(commentError('reject', '')).toBe('rules.rejectNeedsReason');
    expect(commentError('reject', '   \n')).toBe('rules.rejectNeedsReason');
    expect(commentError('reject', 'too expensive')).toBeNull();
  });

  it('at most 2000 characters either way', () => {
    expect(commentError('approve', 'x'.repeat(COMMENT_MAX))).toBeNull();
    expect(commentError('approve', 'x'.repeat(COMMENT_MAX + 1))).toBe('rules.commentTooLong');
    expect(commentError('reject', 'x'.repeat(COMMENT_MAX + 1))).toBe('rules.commentTooLong');
  });

  it('is sent trimmed, and left out when empty', () => {
    expect(commentBody('  fine  ')).toEqual({ comment: 'fine' });
    expect(commentBody('  ')).toEqual({});
  });
});

describe('delegation', () => {
  const me = { username: 'bob', sub: 'b-123' };

  it('needs a user who is not me', () => {
    expect(delegateError('', me)).toBe('rules.delegateNeedsUser');
    expect(delegateError(' bob ', me)).toBe('rules.delegateNotSelf');
    expect(delegateError('bea', me)).toBeNull();
    expect(delegateError('x'.repeat(256), me)).toBe('rules.userTooLong');
  });
});
