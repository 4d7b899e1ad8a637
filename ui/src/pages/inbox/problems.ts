import { ProblemError, type Problem } from '../../api/problems';

/**
 * What an approval refusal means for the approver, as a catalogue key of the inbox namespace: the problem's `type`
 * (docs/problems/approvals.md) first, its status second. The server's own detail is shown beside it.
 */
const BY_TYPE: Record<string, string> = {
  'separation-of-duties': 'problems.separationOfDuties',
  'not-your-task': 'problems.notYourTask',
  'task-not-found': 'problems.gone',
  'task-held': 'problems.held',
  'task-not-held': 'problems.notHeld',
  'task-changed-hands': 'problems.changedHands',
  'task-suspended': 'problems.suspended',
  'directory-unavailable': 'problems.directoryUnavailable',
  'concurrent-change': 'problems.changedHands',
};

export function problemKind(problem: Problem | undefined | null, status?: number): string {
  const type = problem?.type ? problem.type.replace(/\/+$/, '').split('/').pop() ?? '' : '';
  if (BY_TYPE[type]) {
    return BY_TYPE[type];
  }
  switch (status ?? problem?.status) {
    case 400: return 'problems.invalid';
    case 403: return 'problems.forbidden';
    case 404: return 'problems.gone';
    case 409: return 'problems.conflict';
    default: return 'problems.unexpected';
  }
}

export function errorKind(error: unknown): string {
  return error instanceof ProblemError ? problemKind(error.problem, error.status) : 'problems.unexpected';
}

/** The server's words for the problem, if it gave any beyond its title. */
export function problemDetail(error: unknown): string | undefined {
  if (error instanceof ProblemError) {
    return error.problem.detail ?? error.problem.title;
  }
  return error instanceof Error ? error.message : undefined;
}
