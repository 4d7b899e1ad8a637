import { describe, expect, it } from 'vitest';

import {
  activityMarkers, entryDetail, outcomeText, currentLevel, diagramActive, escalatedLevels, isCancellable, isFinal, isOverdue, levelStepStatus,
  pollInterval, REQUEST_STATUSES, resourceKindOf, statusColor,
} from './requestModel';

describe('request statuses', () => {
  it('final ones stop the polling; the others poll every 3 s', () => {
    expect(REQUEST_STATUSES.filter(isFinal)).toEqual(['COMPLETED', 'REJECTED', 'CANCELLED', 'FAILED']);
    expect(pollInterval('PROVISIONING')).toBe(3000);
    expect(pollInterval('PENDING_APPROVAL')).toBe(3000);
    expect(pollInterval('COMPLETED')).toBe(false);
    expect(pollInterval(undefined)).toBe(false);
  });

  it('only a request not yet approved may be cancelled (RequestStatus.CANCELLABLE)', () => {
    expect(REQUEST_STATUSES.filter(isCancellable)).toEqual(['SUBMITTED', 'PENDING_APPROVAL']);
  });

  it('has a colour for every status, red for the failures', () => {
    REQUEST_STATUSES.forEach(status => expect(statusColor(status)).toBeTruthy());
    expect(statusColor('FAILED')).toBe('error');
    expect(statusColor('REJECTED')).toBe('error');
    expect(statusColor('COMPLETED')).toBe('success');
  });

  it('knows which kind of resource a type makes', () => {
    expect(resourceKindOf('vm')).toBe('vm');
    expect(resourceKindOf('k8s-nodes')).toBe('k8s-node');
    expect(resourceKindOf('namespace')).toBe('namespace');
    expect(resourceKindOf('quota-change')).toBeUndefined();
  });
});

describe('the approval chain', () => {
  const levels = [
    { level: 'team-lead', state: 'APPROVED' },
    { level: 'finance', state: 'PENDING', due: '2026-01-01T10:00:00Z' },
    { level: 'security', state: 'WAITING' },
  ];

  it('highlights the pending level', () => {
    expect(currentLevel(levels)).toBe(1);
    expect(currentLevel([{ state: 'APPROVED' }])).toBe(-1);
    expect(levels.map(l => levelStepStatus(l.state))).toEqual(['finish', 'process', 'wait']);
    expect(levelStepStatus('REJECTED')).toBe('error');
  });

  it('marks escalated levels from the timeline, and overdue pending ones', () => {
    expect([...escalatedLevels([{ action: 'escalated', level: 'finance' }, { action: 'claimed', level: 'team-lead' }])])
      .toEqual(['finance']);
    expect(isOverdue(levels[1], Date.parse('2026-01-02T00:00:00Z'))).toBe(true);
    expect(isOverdue(levels[1], Date.parse('2025-12-31T00:00:00Z'))).toBe(false);
    expect(isOverdue(levels[0], Date.parse('2026-01-02T00:00:00Z'))).toBe(false);
  });
});

describe('diagram markers', () => {
  it('marks completed and active activities, active winning, cancelled ones not at all', () => {
    const markers = activityMarkers([
      { activityId: 'RequestSubmitted', state: 'COMPLETED' },
      { activityId: 'Approval#multiInstanceBody', state: 'ACTIVE' },
      { activityId: 'ApproveLevel', state: 'COMPLETED' },
      { activityId: 'ApproveLevel', state: 'ACTIVE' },
      { activityId: 'SlaExpired', state: 'CANCELED' },
    ]);
    expect(Object.fromEntries(markers)).toEqual({
      RequestSubmitted: 'sg-completed',
      Approval: 'sg-active',
      ApproveLevel: 'sg-active',
    });
  });

  it('tells whether anything is still going, in called processes too', () => {
    const done = { requestId: 'r', activities: [{ activityId: 'a', state: 'COMPLETED' as const }] };
    expect(diagramActive(done)).toBe(false);
    expect(diagramActive({
      ...done,
      calledProcesses: [{ activityId: 'Provision', processInstanceId: 'p', processDefinitionKey: 'provision-vm',
        bpmnXml: '', activities: [{ activityId: 'PlaceVm', state: 'ACTIVE' }] }],
    })).toBe(true);
  });
});

describe('what the API says in English of its own', () => {
  it('becomes catalogue text, while comments and causes stay', () => {
    expect(entryDetail({ action: 'approval-requested', detail: 'Approve manager' })).toBeUndefined();
    expect(entryDetail({ action: 'delegated', detail: 'to bob' })).toEqual({ key: 'delegatedTo', user: 'bob' });
    expect(entryDetail({ action: 'approved', detail: 'Fine' })).toEqual({ text: 'Fine' });
    expect(entryDetail({ action: 'claimed' })).toBeUndefined();
    expect(outcomeText('cancelled by alice')).toEqual({ key: 'cancelledBy', user: 'alice' });
    expect(outcomeText('no host has room')).toEqual({ text: 'no host has room' });
    expect(outcomeText(null)).toBeUndefined();
  });
});
