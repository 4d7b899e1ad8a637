/**
 * What the decision form checks before it asks the API, the same rules as the API's Java validation
 * (TaskController.Decision: comment ≤ 2000; ApprovalDecisions.reject: "a rejection needs a reason";
 * TaskController.Handover: user ≤ 255; TaskHolding.delegate: a user is named and is not yourself).
 * Each answers the catalogue key (inbox namespace) of the message, or null when the input is fine.
 */
export const COMMENT_MAX = 2000;
export const USER_MAX = 255;

export type DecisionAction = 'approve' | 'reject';

export function commentError(action: DecisionAction, comment: string | undefined | null): string | null {
  const text = comment ?? '';
  if (action === 'reject' && text.trim() === '') {
    return 'rules.rejectNeedsReason';
  }
  if (text.length > COMMENT_MAX) {
    return 'rules.commentTooLong';
  }
  return null;
}

export function delegateError(user: string | undefined | null, me: { username?: string; sub?: string } | undefined): string | null {
  const name = (user ?? '').trim();
  if (name === '') {
    return 'rules.delegateNeedsUser';
  }
  if (name.length > USER_MAX) {
    return 'rules.userTooLong';
  }
  if (me && (name === me.username || name === me.sub)) {
    return 'rules.delegateNotSelf';
  }
  return null;
}

/** The comment sent to the API: trimmed, and none at all when empty (approve without a comment). */
export function commentBody(comment: string | undefined | null): { comment?: string } {
  const text = (comment ?? '').trim();
  return text ? { comment: text } : {};
}
