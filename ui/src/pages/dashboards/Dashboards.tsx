import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Row as GridRow, Segmented, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DownloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';

import { ProblemError } from '../../api/problems';
import { useMe } from '../../app/me';
import { QueryState } from '../../app/QueryState';
import { formatDuration, formatMoney, formatNumber } from '../../format/format';
import i18n, { currentLanguage } from '../../i18n';
import { useProjects } from '../portal/portalQueries';
import { REQUEST_STATUSES } from '../portal/requestModel';
import { withParams } from '../ops/listParams';
import {
  approverLoad, approverOption, archOption, costOption, costPerProject, latestQuota, leadTimeOption, leadUnit, levelName, levelTimes,
  percent, QUOTA_RESOURCES, quotaOption, requestsOption, requestsOverTime, resourcesByArch, slaLevels, slaOption,
  SUBMIT_TO_RUNNING, text, num, type ApproverLoad, type LevelTimes, type ProjectQuota, type Row,
} from './charts';
import { EChart } from './EChart';
import { monthsOf, periodOf, presetOf, presetPeriod, PRESETS, reportRange, type Period, type Preset } from './period';
import { downloadReport, FORMATS, useMonthlyReports, useReport, type ExportFormat, type ReportName, type ReportQuery } from './reportsApi';

/**
 * The manager and auditor dashboards: for a period of whole months and optionally one tenant and project, seven
 * charts from the reports API, each with its table (the accessible equivalent) and its report's exports.
 */
export default function Dashboards() {
  const { t } = useTranslation('dashboards');
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const today = useMemo(() => new Date(), []);
  const period = periodOf(params, today);
  const tenant = params.get('tenant') || undefined;
  const project = tenant ? params.get('project') || undefined : undefined;
  const range = reportRange(period, today);
  const query: ReportQuery = { ...range, tenant, project };
  const projects = useProjects(tenant);
  const update = (changes: Record<string, string | undefined>) =>
    setParams(previous => withParams(previous, changes), { replace: true });
  const setPeriod = (next: Period) => update({ from: next.from, to: next.to });
  const preset = presetOf(period, today);
  const tenants = me?.tenants ?? [];
  // who may not read reports is told once (the server decides: its 403 on the first report)
  const probe = useReport('lead-times', query);
  const refused = probe.error instanceof ProblemError && probe.error.status === 403;

  return (
    <Flex vertical gap={16} data-testid="dashboards" data-from={range.from} data-to={range.to}>
      <div>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('title')}</Typography.Title>
        <Typography.Text type="secondary">{t('intro')}</Typography.Text>
      </div>
      {refused && <Alert type="error" showIcon message={t('common:errors.forbidden')} />}
      {!refused && <Card size="small" title={t('filters.label')}>
        <Flex wrap gap={12} align="center">
          <div style={{ maxWidth: '100%', overflowX: 'auto' }}>
            <Segmented<Preset | ''> aria-label={t('filters.preset')} value={preset ?? ''} data-testid="period-preset"
              onChange={value => value && setPeriod(presetPeriod(value, today))}
              options={PRESETS.map(value => ({ value, label: t(`presets.${value}`) }))} />
          </div>
          <DatePicker.RangePicker picker="month" aria-label={t('filters.period')} allowClear={false}
            placeholder={[t('filters.from'), t('filters.to')]} data-testid="period-months"
            disabledDate={date => date.isAfter(dayjs(), 'month')}
            value={[dayjs(`${period.from}-01`), dayjs(`${period.to}-01`)]}
            onChange={value => value?.[0] && value[1]
              && setPeriod({ from: value[0].format('YYYY-MM'), to: value[1].format('YYYY-MM') })} />
          {tenants.length > 1 && (
            <Select aria-label={t('filters.tenant')} style={{ minWidth: 160 }} value={tenant ?? ''}
              data-testid="dashboards-tenant" onChange={value => update({ tenant: value, project: undefined })}
              options={[{ value: '', label: t('filters.allTenants') },
                ...tenants.map(entry => ({ value: entry.tenantId, label: entry.name ?? entry.tenantId }))]} />
          )}
          {tenant && (
            <Select aria-label={t('filters.project')} style={{ minWidth: 160 }} value={project ?? ''}
              loading={projects.isLoading} data-testid="dashboards-project" onChange={value => update({ project: value })}
              options={[{ value: '', label: t('filters.allProjects') },
                ...(projects.data ?? []).map(entry => ({ value: entry.id!, label: entry.name ?? entry.id! }))]} />
          )}
        </Flex>
      </Card>}
      {!refused && <GridRow gutter={[16, 16]}>
        <Col xs={24} xl={12}><RequestsChart period={period} query={query} today={today} /></Col>
        <Col xs={24} xl={12}><LeadTimeChart query={query} /></Col>
        <Col xs={24} xl={12}><SlaChart query={query} /></Col>
        <Col xs={24} xl={12}><ApproverChart query={query} /></Col>
        <Col xs={24} xl={12}><QuotaChart query={query} /></Col>
        <Col xs={24} xl={12}><ArchChart query={query} /></Col>
        <Col xs={24}><CostChart query={query} /></Col>
      </GridRow>}
    </Flex>
  );
}

/** A chart's card: its title, the downloads of the report it comes from, the chart, and its table. */
function ChartCard({ id, title, report, query, loading, error, more, chart, table }: {
  id: string; title: string; report: ReportName; query: ReportQuery; loading: boolean; error: unknown;
  more?: boolean; chart: () => ReactNode; table: () => ReactNode;
}) {
  const { t } = useTranslation('dashboards');
  return (
    <Card size="small" title={<Typography.Title level={4} style={{ margin: 0, fontSize: 16 }}>{title}</Typography.Title>}
      data-testid={`chart-${id}`} data-report={report}>
      <Flex justify="flex-end" style={{ marginBottom: 8 }}><Downloads report={report} query={query} /></Flex>
      {error ? <Alert type="error" showIcon message={problemText(error)} /> : (
        <QueryState isLoading={loading} error={undefined}>
          {() => (
            <Flex vertical gap={12}>
              {more && <Alert type="info" showIcon message={t('more')} />}
              {chart()}
              {/* the table scrolls sideways in its own box, which the keyboard can reach too */}
              <div data-testid="chart-table" role="region" tabIndex={0} aria-label={t('tableOf', { title })}
                style={{ overflowX: 'auto', maxWidth: '100%' }}>{table()}</div>
            </Flex>
          )}
        </QueryState>
      )}
    </Card>
  );
}

/** A report's refusal or failure in a sentence (inside a card: not the whole page's "not found"). */
function problemText(error: unknown): string {
  if (error instanceof ProblemError && error.status === 403) {
    return i18n.t('common:errors.forbidden');
  }
  return i18n.t('common:errors.unexpected', { message: error instanceof Error ? error.message : String(error) });
}

/** CSV, XLSX and PDF of one report for the filters shown (fetched with the token, saved as the server names it). */
function Downloads({ report, query }: { report: ReportName; query: ReportQuery }) {
  const { t } = useTranslation('dashboards');
  const { message } = App.useApp();
  const [busy, setBusy] = useState<ExportFormat>();
  const download = async (format: ExportFormat) => {
    setBusy(format);
    try {
      await downloadReport(report, query, format);
    } catch (error) {
      message.error(t('downloadFailed', { message: error instanceof ProblemError || error instanceof Error ? error.message : String(error) }));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <Space size={4} wrap>
      {FORMATS.map(format => (
        <Button key={format} size="small" icon={<DownloadOutlined />} loading={busy === format}
          aria-label={t(`download.${format}`, { report: t(`reports.${report}`) })} data-testid={`download-${format}`}
          onClick={() => void download(format)}>{t(`formats.${format}`)}</Button>
      ))}
    </Space>
  );
}

const tableProps = { className: 'dashboard-table', size: 'small' as const, pagination: { pageSize: 5, hideOnSinglePage: true } };

function useLabels() {
  const { t } = useTranslation('dashboards');
  return {
    level: (level: string) => (level === SUBMIT_TO_RUNNING ? t('submitToRunning') : level),
    status: (status: string) => t(`common:status.${status}`, { defaultValue: status }),
  };
}

function RequestsChart({ period, query, today }: { period: Period; query: ReportQuery; today: Date }) {
  const { t } = useTranslation('dashboards');
  const labels = useLabels();
  const months = monthsOf(period).map(month => ({
    month, query: { ...query, ...reportRange({ from: month, to: month }, today) },
  }));
  const answers = useMonthlyReports('requests', months);
  const loading = answers.some(answer => answer.isLoading);
  const error = answers.find(answer => answer.error)?.error;
  const data = requestsOverTime(months.map(({ month }, index) => ({ month, rows: answers[index]?.data?.rows ?? [] })),
    REQUEST_STATUSES);
  const title = t('charts.requests');
  const aria = t('aria.requests', { from: period.from, to: period.to });
  const columns: ColumnsType<{ month: string }> = [
    { key: 'month', title: t('columns.month'), dataIndex: 'month' },
    ...data.statuses.map(status => ({
      key: status, title: labels.status(status), align: 'right' as const,
      render: (_: unknown, __: unknown, row: number) => data.counts[status][row],
    })),
  ];
  return (
    <ChartCard id="requests" title={title} report="requests" query={query} loading={loading} error={error}
      more={answers.some(answer => (answer.data?.total ?? 0) > (answer.data?.rows.length ?? 0))}
      chart={() => <EChart label={aria} option={requestsOption(data, labels.status, aria)} />}
      table={() => <Table {...tableProps} rowKey="month" columns={columns}
        dataSource={data.months.map(month => ({ month }))} />} />
  );
}

function useLevels(query: ReportQuery) {
  const report = useReport('lead-times', query);
  const levels = levelTimes(report.data?.rows ?? []);
  const manyTenants = new Set(levels.map(item => item.tenant)).size > 1;
  return { report, levels, manyTenants };
}

function LeadTimeChart({ query }: { query: ReportQuery }) {
  const { t } = useTranslation('dashboards');
  const labels = useLabels();
  const { report, levels, manyTenants } = useLevels(query);
  const unit = leadUnit(levels);
  const title = t('charts.leadTimes');
  const columns: ColumnsType<LevelTimes> = [
    { key: 'tenant', title: t('columns.tenant'), dataIndex: 'tenant' },
    { key: 'level', title: t('columns.level'), dataIndex: 'level', render: (level: string) => labels.level(level) },
    { key: 'count', title: t('columns.decisions'), dataIndex: 'count', align: 'right' },
    { key: 'median', title: t('columns.median'), dataIndex: 'medianSeconds', align: 'right', render: (s: number) => formatDuration(s * 1000) },
    { key: 'p90', title: t('columns.p90'), dataIndex: 'p90Seconds', align: 'right', render: (s: number) => formatDuration(s * 1000) },
    { key: 'max', title: t('columns.longest'), dataIndex: 'maxSeconds', align: 'right', render: (s: number) => formatDuration(s * 1000) },
  ];
  return (
    <ChartCard id="lead-times" title={title} report="lead-times" query={query} loading={report.isLoading} error={report.error}
      chart={() => <EChart label={t('aria.leadTimes')} option={leadTimeOption(levels,
        levels.map(item => levelName(item, labels.level, manyTenants)),
        { median: t('series.median'), p90: t('series.p90') }, unit, t(`series.${unit}`), t('aria.leadTimes'))} />}
      table={() => <Table<LevelTimes> {...tableProps} rowKey={item => `${item.tenant}/${item.level}`} columns={columns}
        dataSource={levels} locale={{ emptyText: t('empty') }} />} />
  );
}

function SlaChart({ query }: { query: ReportQuery }) {
  const { t } = useTranslation('dashboards');
  const labels = useLabels();
  const language = currentLanguage();
  const { report, levels, manyTenants } = useLevels(query);
  const items = slaLevels(levels);
  const title = t('charts.sla');
  const columns: ColumnsType<LevelTimes> = [
    { key: 'tenant', title: t('columns.tenant'), dataIndex: 'tenant' },
    { key: 'level', title: t('columns.level'), dataIndex: 'level', render: (level: string) => labels.level(level) },
    { key: 'count', title: t('columns.decisions'), dataIndex: 'count', align: 'right' },
    { key: 'breaches', title: t('columns.breaches'), dataIndex: 'slaBreaches', align: 'right' },
    { key: 'share', title: t('columns.breachShare'), align: 'right',
      render: (_, item) => (item.count ? `${formatNumber((item.slaBreaches / item.count) * 100, language, 0)} %` : '—') },
  ];
  return (
    <ChartCard id="sla" title={title} report="approvals" query={query} loading={report.isLoading} error={report.error}
      chart={() => <EChart label={t('aria.sla')} option={slaOption(items,
        items.map(item => levelName(item, labels.level, manyTenants)),
        { within: t('series.withinSla'), breached: t('series.breached') }, t('aria.sla'))} />}
      table={() => <Table<LevelTimes> {...tableProps} rowKey={item => `${item.tenant}/${item.level}`} columns={columns}
        dataSource={items} locale={{ emptyText: t('empty') }} />} />
  );
}

function ApproverChart({ query }: { query: ReportQuery }) {
  const { t } = useTranslation('dashboards');
  const labels = useLabels();
  const report = useReport('lead-times', query);
  const items = approverLoad(report.data?.rows ?? []);
  const title = t('charts.approvers');
  const columns: ColumnsType<ApproverLoad> = [
    { key: 'approver', title: t('columns.approver'), dataIndex: 'approver' },
    { key: 'count', title: t('columns.decisions'), dataIndex: 'count', align: 'right' },
    { key: 'breaches', title: t('columns.breaches'), dataIndex: 'slaBreaches', align: 'right' },
    { key: 'levels', title: t('columns.levels'), dataIndex: 'levels', render: (levels: string[]) => levels.map(labels.level).join(', ') },
  ];
  return (
    <ChartCard id="approvers" title={title} report="lead-times" query={query} loading={report.isLoading} error={report.error}
      chart={() => <EChart label={t('aria.approvers')} option={approverOption(items, t('columns.decisions'), t('aria.approvers'))} />}
      table={() => <Table<ApproverLoad> {...tableProps} rowKey="approver" columns={columns} dataSource={items}
        locale={{ emptyText: t('empty') }} />} />
  );
}

function QuotaChart({ query }: { query: ReportQuery }) {
  const { t } = useTranslation('dashboards');
  const report = useReport('quota', query);
  const items = latestQuota(report.data?.rows ?? []);
  const manyTenants = new Set(items.map(item => item.tenant)).size > 1;
  const names = items.map(item => (manyTenants ? `${item.tenant}/${item.project}` : item.project));
  const title = t('charts.quota');
  const resources = QUOTA_RESOURCES.filter(resource => items.some(item => item.limit[resource] > 0));
  const columns: ColumnsType<ProjectQuota> = [
    { key: 'tenant', title: t('columns.tenant'), dataIndex: 'tenant' },
    { key: 'project', title: t('columns.project'), dataIndex: 'project' },
    ...resources.map(resource => ({
      key: resource, title: t(`resources.${resource}`), align: 'right' as const,
      render: (_: unknown, item: ProjectQuota) => {
        const share = percent(item.used[resource], item.limit[resource]);
        return `${item.used[resource]} / ${item.limit[resource]}${share === null ? '' : ` (${share} %)`}`;
      },
    })),
  ];
  return (
    <ChartCard id="quota" title={title} report="quota" query={query} loading={report.isLoading} error={report.error}
      more={(report.data?.total ?? 0) > (report.data?.rows.length ?? 0)}
      chart={() => <EChart label={t('aria.quota')} option={quotaOption(items, names,
        resource => t(`resources.${resource}`), t('aria.quota'))} />}
      table={() => <Table<ProjectQuota> {...tableProps} rowKey={item => `${item.tenant}/${item.project}`} columns={columns}
        dataSource={items} locale={{ emptyText: t('empty') }} />} />
  );
}

function ArchChart({ query }: { query: ReportQuery }) {
  const { t } = useTranslation('dashboards');
  const report = useReport('resources', query);
  const rows: Row[] = report.data?.rows ?? [];
  const items = resourcesByArch(rows);
  const archLabel = (arch: string) => arch || t('noArch');
  const title = t('charts.arch');
  const byKind = rows.reduce<Record<string, { kind: string; arch: string; count: number }>>((all, row) => {
    const key = `${text(row.kind)}|${text(row.arch)}`;
    all[key] = { kind: text(row.kind), arch: text(row.arch), count: (all[key]?.count ?? 0) + num(row.count) };
    return all;
  }, {});
  const columns: ColumnsType<{ kind: string; arch: string; count: number }> = [
    { key: 'arch', title: t('columns.arch'), dataIndex: 'arch', render: archLabel },
    { key: 'kind', title: t('columns.kind'), dataIndex: 'kind', render: (kind: string) => t(`kinds.${kind}`, { defaultValue: kind }) },
    { key: 'count', title: t('columns.running'), dataIndex: 'count', align: 'right' },
  ];
  return (
    <ChartCard id="arch" title={title} report="resources" query={query} loading={report.isLoading} error={report.error}
      more={(report.data?.total ?? 0) > rows.length}
      chart={() => <EChart label={t('aria.arch')} option={archOption(items, archLabel, t('aria.arch'))} />}
      table={() => <Table {...tableProps} rowKey={item => `${item.kind}|${item.arch}`} columns={columns}
        dataSource={Object.values(byKind).sort((a, b) => b.count - a.count)} locale={{ emptyText: t('empty') }} />} />
  );
}

function CostChart({ query }: { query: ReportQuery }) {
  const { t } = useTranslation('dashboards');
  const language = currentLanguage();
  const report = useReport('cost', query);
  const rows: Row[] = report.data?.rows ?? [];
  const data = costPerProject(rows);
  const title = t('charts.cost');
  const columns: ColumnsType<Row> = [
    { key: 'month', title: t('columns.month'), dataIndex: 'month' },
    { key: 'tenant', title: t('columns.tenant'), dataIndex: 'tenant' },
    { key: 'project', title: t('columns.project'), dataIndex: 'project' },
    { key: 'requests', title: t('columns.requests'), dataIndex: 'requests', align: 'right' },
    { key: 'cost', title: t('columns.cost'), dataIndex: 'cost', align: 'right',
      render: (cost: unknown, row) => formatMoney(num(cost), text(row.currency), language) },
  ];
  return (
    <ChartCard id="cost" title={title} report="cost" query={query} loading={report.isLoading} error={report.error}
      more={(report.data?.total ?? 0) > rows.length}
      chart={() => <EChart label={t('aria.cost')} option={costOption(data, t('aria.cost'))} />}
      table={() => <Table<Row> {...tableProps} rowKey={row => `${text(row.month)}|${text(row.tenant)}|${text(row.project)}|${text(row.currency)}`}
        columns={columns} dataSource={rows} locale={{ emptyText: t('empty') }} />} />
  );
}
