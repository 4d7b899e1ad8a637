/** Reconciliation findings (the API's Finding and Reconciliation.Run) as the findings page reads them. */
export const FINDING_KINDS = ['ORPHAN', 'LOST', 'DRIFT_STATE', 'DRIFT_SIZE'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export interface FindingLike {
  id?: number;
  kind?: FindingKind | string;
  resolvedAt?: string | null;
  open?: boolean;
}

export interface HostRunLike {
  host?: string;
  reconciled?: boolean;
  reason?: string | null;
}

export function isOpen(finding: FindingLike): boolean {
  return finding.open ?? !finding.resolvedAt;
}

/** The one action the API offers: destroying the domain of an open orphan (POST …/resolve {"action":"destroy"}). */
export function canDestroy(finding: FindingLike): boolean {
  return finding.kind === 'ORPHAN' && isOpen(finding);
}

export interface RunSummary {
  hosts: number;
  reconciled: number;
  skipped: HostRunLike[];
  open: number;
  resolved: number;
  byKind: Partial<Record<string, number>>;
}

/** What a run did: hosts reconciled and skipped (with their reasons), findings still open and resolved by kind. */
export function summariseRun(run: { findings?: FindingLike[]; hosts?: HostRunLike[] }): RunSummary {
  const hosts = run.hosts ?? [];
  const findings = run.findings ?? [];
  const byKind: Partial<Record<string, number>> = {};
  findings.filter(isOpen).forEach(f => {
    const kind = f.kind ?? '';
    byKind[kind] = (byKind[kind] ?? 0) + 1;
  });
  return {
    hosts: hosts.length,
    reconciled: hosts.filter(h => h.reconciled).length,
    skipped: hosts.filter(h => !h.reconciled).sort((a, b) => (a.host ?? '').localeCompare(b.host ?? '')),
    open: findings.filter(isOpen).length,
    resolved: findings.filter(f => !isOpen(f)).length,
    byKind,
  };
}
