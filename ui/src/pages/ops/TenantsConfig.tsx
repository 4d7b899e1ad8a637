import { useRef, useState } from 'react';
import {
  Alert, Button, Card, Col, Descriptions, Empty, Popconfirm, Progress, Result, Row, Space, Table, Tag, Tooltip, Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { api } from '../../api/client';
import { ProblemError, unwrap } from '../../api/problems';
import type { components } from '../../api/schema';
import { useMe } from '../../app/me';
import { QueryState } from '../../app/QueryState';
import { formatDateTime, formatDuration, formatNumber, mibToGib } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { configErrors, sortConfigErrors, tenantChanges, type ConfigError } from './configErrors';
import { isoDurationMs, QUOTA_KEYS, quotaUse, type QuotaKey } from './tenants';

type Tenant = components['schemas']['TenantView'];
type Project = components['schemas']['ProjectView'];
type ReloadReport = components['schemas']['ReloadReport'];

type Outcome =
  | { kind: 'reloaded'; report: ReloadReport; before?: string[]; at: number }
  | { kind: 'invalid'; errors: ConfigError[]; detail?: string; at: number }
  | { kind: 'failed'; message: string; at: number };

/** Tenants-config: reload it (platform admins) and see what it put in force or why it was refused; the tenants. */
export default function TenantsConfig() {
  const { t } = useTranslation('ops');
  const queryClient = useQueryClient();
  const { data: me } = useMe();
  const admin = !!me?.roles.includes('platform-admin');
  const [outcome, setOutcome] = useState<Outcome>();
  const before = useRef<string[] | undefined>(undefined);

  const tenants = useQuery({
    queryKey: ['ops', 'tenants'],
    queryFn: async () => unwrap(await api.GET('/api/tenants')),
  });

  const reload = useMutation({
    mutationFn: async () => {
      before.current = tenants.data?.map(tenant => tenant.id ?? '');
      return unwrap(await api.POST('/api/admin/tenants-config/reload'));
    },
    onSuccess: report => {
      setOutcome({ kind: 'reloaded', report, before: before.current, at: Date.now() });
      queryClient.invalidateQueries({ queryKey: ['ops', 'tenants'] });
      queryClient.invalidateQueries({ queryKey: ['ops', 'group-sync'] });
    },
    onError: error => {
      if (error instanceof ProblemError && error.status === 422) {
        setOutcome({ kind: 'invalid', errors: configErrors(error.problem), detail: error.problem.detail, at: Date.now() });
      } else {
        setOutcome({ kind: 'failed', message: error instanceof ProblemError && error.status === 403 ? t('common:errors.forbidden') : error.message, at: Date.now() });
      }
    },
  });

  return (
    <div data-testid="tenants-config">
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0, flex: 1, minWidth: 200 }}>{t('tenantsConfig.title')}</Typography.Title>
        <Button icon={<ReloadOutlined />} loading={tenants.isFetching} onClick={() => tenants.refetch()}>
          {t('common:actions.refresh')}
        </Button>
        <Popconfirm title={t('tenantsConfig.reloadConfirm')} description={t('tenantsConfig.reloadConfirmDetail')}
          okText={t('tenantsConfig.reload')} cancelText={t('common:actions.cancel')} disabled={!admin}
          onConfirm={() => reload.mutateAsync().catch(() => undefined)}>
          <Tooltip title={admin ? undefined : t('tenantsConfig.adminsOnly')}>
            <Button type="primary" icon={<SyncOutlined />} loading={reload.isPending} disabled={!admin} data-testid="reload-tenants-config">
              {t('tenantsConfig.reload')}
            </Button>
          </Tooltip>
        </Popconfirm>
      </div>
      {outcome && <ReloadOutcome outcome={outcome} onClose={() => setOutcome(undefined)} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={admin ? 17 : 24}>
          <Card size="small" title={t('tenantsConfig.tenants')}>
            <QueryState isLoading={tenants.isLoading} error={tenants.error}>
              {() => <TenantTable tenants={tenants.data ?? []} />}
            </QueryState>
          </Card>
        </Col>
        {admin && (
          <Col xs={24} xl={7}>
            <GroupSync />
          </Col>
        )}
      </Row>
    </div>
  );
}

function ReloadOutcome({ outcome, onClose }: { outcome: Outcome; onClose: () => void }) {
  const { t } = useTranslation('ops');
  const language = currentLanguage();
  const time = formatDateTime(outcome.at, language);
  if (outcome.kind === 'failed') {
    return <Alert type="error" showIcon closable={{ onClose }} style={{ marginBottom: 16 }}
      title={t('tenantsConfig.reloadFailed', { time })} description={outcome.message} />;
  }
  if (outcome.kind === 'invalid') {
    return (
      <Card size="small" style={{ marginBottom: 16, borderColor: '#ffa39e' }} data-testid="reload-errors"
        title={<Typography.Text type="danger">{t('tenantsConfig.invalidTitle', { count: outcome.errors.length, time })}</Typography.Text>}
        extra={<Button type="text" size="small" onClick={onClose}>{t('common:actions.close')}</Button>}>
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('tenantsConfig.invalidKept')} />
        {outcome.errors.length > 0
          ? <ErrorTable errors={outcome.errors} />
          : <Typography.Paragraph><pre style={{ whiteSpace: 'pre-wrap' }}>{outcome.detail}</pre></Typography.Paragraph>}
      </Card>
    );
  }
  const { report, before } = outcome;
  const changes = tenantChanges(before, report.tenants ?? []);
  return (
    <Card size="small" style={{ marginBottom: 16 }} data-testid="reload-report"
      extra={<Button type="text" size="small" onClick={onClose}>{t('common:actions.close')}</Button>}>
      <Result status="success" style={{ padding: 8 }} title={t('tenantsConfig.reloaded', { version: report.version })}
        subTitle={t('tenantsConfig.reloadedDetail', { time, files: report.files, tenants: report.tenants?.length ?? 0 })} />
      <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered
        items={[
          { key: 'version', label: t('tenantsConfig.version'), children: report.version },
          { key: 'files', label: t('tenantsConfig.files'), children: report.files },
          { key: 'tenants', label: t('tenantsConfig.tenantsInForce'), children: <TenantTags ids={report.tenants ?? []} /> },
          ...(before ? [
            { key: 'added', label: t('tenantsConfig.added'), children: changes.added.length ? <TenantTags ids={changes.added} color="green" /> : t('tenantsConfig.none') },
            { key: 'removed', label: t('tenantsConfig.removed'), children: changes.removed.length ? <TenantTags ids={changes.removed} color="red" /> : t('tenantsConfig.none') },
          ] : []),
        ]}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>{t('tenantsConfig.otherInstances')}</Typography.Paragraph>
    </Card>
  );
}

function TenantTags({ ids, color }: { ids: string[]; color?: string }) {
  return <Space size={4} wrap>{ids.map(id => <Tag key={id} color={color}>{id}</Tag>)}</Space>;
}

function ErrorTable({ errors }: { errors: ConfigError[] }) {
  const { t } = useTranslation('ops');
  const sorted = sortConfigErrors(errors);
  const columns: ColumnsType<ConfigError & { key: string }> = [
    {
      title: t('tenantsConfig.file'), dataIndex: 'file',
      // one cell per file: the rows of a file follow each other once sorted
      onCell: (row, index = 0) => {
        const first = index === 0 || sorted[index - 1].file !== row.file;
        return { rowSpan: first ? sorted.filter(e => e.file === row.file).length : 0 };
      },
      render: (file: string) => <Typography.Text code>{file || '—'}</Typography.Text>,
    },
    { title: t('tenantsConfig.line'), dataIndex: 'line', width: 70, align: 'right',
      render: (line: number) => (line >= 1 ? line : <Tooltip title={t('tenantsConfig.wholeFile')}><span>—</span></Tooltip>) },
    { title: t('tenantsConfig.path'), dataIndex: 'field', render: (field: string) => (field ? <Typography.Text code>{field}</Typography.Text> : '—') },
    { title: t('tenantsConfig.message'), dataIndex: 'message' },
  ];
  return (
    <Table size="small" bordered pagination={false} scroll={{ x: true }} columns={columns}
      dataSource={sorted.map((error, i) => ({ ...error, key: `${error.file}:${error.line}:${i}` }))} />
  );
}

function TenantTable({ tenants }: { tenants: Tenant[] }) {
  const { t } = useTranslation('ops');
  const columns: ColumnsType<Tenant> = [
    {
      title: t('tenantsConfig.tenant'), key: 'tenant',
      sorter: (a, b) => (a.id ?? '').localeCompare(b.id ?? ''),
      render: (_, tenant) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{tenant.name}</Typography.Text>
          <Typography.Text type="secondary" code>{tenant.id}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('tenantsConfig.orgUnits'), key: 'orgUnits',
      render: (_, tenant) => (
        <Tooltip title={(tenant.orgUnits ?? []).map(unit => unit.path ?? unit.name).join(', ')}>
          <span>{tenant.orgUnits?.length ?? 0}</span>
        </Tooltip>
      ),
    },
    {
      title: t('tenantsConfig.approvalLevels'), key: 'levels',
      render: (_, tenant) => (
        <Space size={4} wrap>
          {(tenant.approvalLevels ?? []).map(level => (
            <Tag key={level.name}>{`${level.name} · ${formatDuration(isoDurationMs(level.sla))}`}</Tag>
          ))}
        </Space>
      ),
    },
  ];
  if (tenants.length === 0) {
    return <Empty description={t('tenantsConfig.noTenants')} />;
  }
  return (
    <Table<Tenant> rowKey="id" size="small" columns={columns} dataSource={tenants} pagination={false} scroll={{ x: true }}
      expandable={{ expandedRowRender: tenant => <Projects tenantId={tenant.id ?? ''} /> }} />
  );
}

function Projects({ tenantId }: { tenantId: string }) {
  const { t } = useTranslation('ops');
  const language = currentLanguage();
  const query = useQuery({
    queryKey: ['ops', 'tenants', tenantId, 'projects'],
    queryFn: async () => unwrap(await api.GET('/api/tenants/{tenantId}/projects', { params: { path: { tenantId } } })),
  });
  const amount = (key: QuotaKey, value?: number) => {
    if (value === undefined || value === null) {
      return '—';
    }
    return key === 'memoryMiB' ? formatNumber(mibToGib(value), language, 1) : formatNumber(value, language, 0);
  };
  const columns: ColumnsType<Project> = [
    {
      title: t('tenantsConfig.project'), key: 'project', fixed: 'left',
      render: (_, project) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text>{project.name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{project.id}{project.orgUnit ? ` · ${project.orgUnit}` : ''}</Typography.Text>
        </Space>
      ),
    },
    ...QUOTA_KEYS.map(key => ({
      title: t(`tenantsConfig.quota.${key}`),
      key,
      width: 120,
      render: (_: unknown, project: Project) => {
        const use = quotaUse(project.quota, project.used, key);
        return (
          <div>
            <Typography.Text style={{ fontSize: 12 }} type={use.over ? 'danger' : undefined}>
              {`${amount(key, project.used?.[key])} / ${amount(key, project.quota?.[key])}`}
            </Typography.Text>
            <Progress percent={use.percent} showInfo={false} size="small" status={use.over ? 'exception' : 'normal'}
              aria-label={t(`tenantsConfig.quota.${key}`)} style={{ margin: 0 }} />
          </div>
        );
      },
    })),
  ];
  return (
    <QueryState isLoading={query.isLoading} error={query.error}>
      {() => (
        <Table<Project> rowKey="id" size="small" columns={columns} dataSource={query.data ?? []} pagination={false}
          scroll={{ x: true }} locale={{ emptyText: t('tenantsConfig.noProjects') }} />
      )}
    </QueryState>
  );
}

function GroupSync() {
  const { t } = useTranslation('ops');
  const language = currentLanguage();
  const query = useQuery({
    queryKey: ['ops', 'group-sync'],
    queryFn: async () => unwrap(await api.GET('/api/admin/keycloak/group-sync')),
  });
  const status = query.data;
  const last = status?.lastRun;
  const outcomeColour = last?.outcome === 'synced' ? 'green' : last?.outcome === 'failed' ? 'red' : 'default';
  const kept = Object.entries(last?.keptWithMembers ?? {});
  return (
    <Card size="small" title={t('tenantsConfig.groupSync')} data-testid="group-sync">
      <QueryState isLoading={query.isLoading} error={query.error}>
        {() => !status?.enabled ? <Typography.Text type="secondary">{t('tenantsConfig.groupSyncOff')}</Typography.Text> : (
          <Space orientation="vertical" style={{ width: '100%' }}>
            {!last && <Typography.Text type="secondary">{t('tenantsConfig.groupSyncNever')}</Typography.Text>}
            {last && (
              <Descriptions size="small" column={1}
                items={[
                  { key: 'outcome', label: t('tenantsConfig.groupSyncOutcome'),
                    children: <Tag color={outcomeColour}>{t(`tenantsConfig.groupSyncOutcomes.${last.outcome}`, { defaultValue: last.outcome })}</Tag> },
                  { key: 'at', label: t('tenantsConfig.groupSyncAt'), children: formatDateTime(last.at, language) },
                  { key: 'created', label: t('tenantsConfig.groupsCreated'), children: last.created?.length ?? 0 },
                  { key: 'deleted', label: t('tenantsConfig.groupsDeleted'), children: last.deleted?.length ?? 0 },
                  { key: 'moved', label: t('tenantsConfig.groupsMoved'), children: Object.keys(last.moved ?? {}).length },
                  { key: 'kept', label: t('tenantsConfig.groupsKept'), children: kept.length },
                ]}
              />
            )}
            {last?.error && <Alert type="error" showIcon title={last.error} />}
            {kept.length > 0 && (
              <Alert type="warning" showIcon title={t('tenantsConfig.keptExplain')}
                description={<Space orientation="vertical" size={0}>{kept.map(([path, users]) => (
                  <Typography.Text key={path}><Typography.Text code>{path}</Typography.Text>{` ${t('tenantsConfig.members', { count: users })}`}</Typography.Text>
                ))}</Space>} />
            )}
            {status.deleteGroupsWithMembers && <Tag color="orange">{t('tenantsConfig.deletesWithMembers')}</Tag>}
          </Space>
        )}
      </QueryState>
    </Card>
  );
}
