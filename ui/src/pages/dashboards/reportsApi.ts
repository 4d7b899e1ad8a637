import { useQueries, useQuery } from '@tanstack/react-query';

import { api, authHeaders } from '../../api/client';
import { isProblem, ProblemError, unwrap } from '../../api/problems';
import type { components } from '../../api/schema';
import type { Row } from './charts';

/** The reports the dashboards draw (GET /api/reports/{name}). */
export const REPORTS = ['requests', 'approvals', 'lead-times', 'resources', 'quota', 'cost', 'access'] as const;
export type ReportName = (typeof REPORTS)[number];
export const FORMATS = ['csv', 'xlsx', 'pdf'] as const;
export type ExportFormat = (typeof FORMATS)[number];

/** A page of a report as ReportController answers it, its rows and total always there. */
export type ReportPage = Omit<components['schemas']['ReportPage'], 'rows' | 'total'> & { rows: Row[]; total: number };

export interface ReportQuery {
  from: string;
  to: string;
  tenant?: string;
  project?: string;
}

/** The most rows a page holds (PageRequest.MAX_SIZE): the dashboards' reports are grouped, far fewer. */
const SIZE = 200;

/** The path of a report: JSON (the first page of up to 200 rows) or a whole export. */
export function reportUrl(name: ReportName, query: ReportQuery, format: 'json' | ExportFormat = 'json'): string {
  const params = new URLSearchParams({ from: query.from, to: query.to });
  if (query.tenant) {
    params.set('tenant', query.tenant);
  }
  if (query.project) {
    params.set('project', query.project);
  }
  params.set('format', format);
  if (format === 'json') {
    params.set('size', String(SIZE));
  }
  return `/api/reports/${name}?${params}`;
}

/** The file name of a Content-Disposition header (RFC 6266: filename*=UTF-8''… wins over filename=…). */
export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) {
    return fallback;
  }
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(disposition);
  if (extended) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // not percent-encoded after all: the plain name below
    }
  }
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
  return plain ? plain[1].trim() : fallback;
}

/** An export, fetched with the bearer token (a link could not carry it); a refusal as a ProblemError. */
async function get(url: string): Promise<Response> {
  const response = await fetch(url, { headers: { ...authHeaders(), Accept: 'application/json, application/problem+json, */*' } });
  if (!response.ok) {
    const body: unknown = await response.json().catch(() => undefined);
    throw new ProblemError(isProblem(body) ? body : { title: response.statusText }, response.status);
  }
  return response;
}

/** A report's first page of up to 200 rows (the dashboards' reports are grouped: far fewer), typed client. */
export async function fetchReport(name: ReportName, query: ReportQuery): Promise<ReportPage> {
  // one operation answers JSON and files: the document lists four media types, so the client types the answer
  // unknown; format=json makes it the ReportPage
  const page = unwrap(await api.GET('/api/reports/{name}', {
    params: { path: { name }, query: { ...query, format: 'json', size: SIZE } },
  })) as components['schemas']['ReportPage'];
  return { ...page, rows: page.rows ?? [], total: page.total ?? 0 };
}

export function useReport(name: ReportName, query: ReportQuery) {
  return useQuery({
    queryKey: ['reports', name, query],
    staleTime: 60_000,
    queryFn: () => fetchReport(name, query),
  });
}

/** The same report for each month of the period (requests over time: the report itself has no time axis). */
export function useMonthlyReports(name: ReportName, months: { month: string; query: ReportQuery }[]) {
  return useQueries({
    queries: months.map(({ query }) => ({
      queryKey: ['reports', name, query],
      staleTime: 60_000,
      queryFn: () => fetchReport(name, query),
    })),
  });
}

/** Downloads an export: fetched as a blob with the token, saved under the server's file name. */
export async function downloadReport(name: ReportName, query: ReportQuery, format: ExportFormat): Promise<string> {
  const response = await get(reportUrl(name, query, format));
  const fileName = fileNameOf(response.headers.get('Content-Disposition'), `stackgate-${name}.${format}`);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}
