import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, Descriptions, Flex, Grid, Input, Select, Space, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ReloadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';

import { api } from '../../api/client';
import { ProblemError, unwrap } from '../../api/problems';
import type { components } from '../../api/schema';
import { useMe } from '../../app/me';
import { QueryState } from '../../app/QueryState';
import { formatDateTime } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { PAGE_SIZES, withParams } from '../ops/listParams';
import { actionKey, prettyDetails, shortHash } from './actions';
import { ChainStatus, CheckpointsCard } from './AuditChain';
import { ACTION_FAMILIES, auditFilters, auditQuery } from './auditFilters';

type Entry = components['schemas']['AuditEntry'];

/** The audit log: search by tenant, subject, actor, action and period; the chain's status; the signed checkpoints. */
export default function Audit() {
  const { t } = useTranslation('audit');
  const language = currentLanguage();
  const screens = Grid.useBreakpoint();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const filters = auditFilters(params);
  const [subject, setSubject] = useState(filters.subject ?? '');
  const [actor, setActor] = useState(filters.actor ?? '');
  useEffect(() => setSubject(filters.subject ?? ''), [filters.subject]);
  useEffect(() => setActor(filters.actor ?? ''), [filters.actor]);

  const list = useQuery({
    queryKey: ['audit', filters],
    placeholderData: keepPreviousData,
    queryFn: async () => unwrap(await api.GET('/api/audit', { params: { query: auditQuery(filters) } })),
  });

  const update = (changes: Record<string, string | number | undefined>) =>
    setParams(previous => withParams(previous, changes), { replace: true });
  const tenantName = (id: string | undefined) => me?.tenants.find(entry => entry.tenantId === id)?.name ?? id;
  const filtered = ['tenant', 'subject', 'actor', 'action', 'from', 'to'].some(key => params.has(key));
  // the server refuses who may not read the log: its answer alone, not three times over
  const refused = list.error instanceof ProblemError && list.error.status === 403;
  const actionLabel = (action: string | undefined) => (action ? t(actionKey(action), { defaultValue: action }) : '—');

  const columns: ColumnsType<Entry> = [
    {
      key: 'at', title: t('columns.at'), dataIndex: 'at', onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (at: string, row) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDateTime(at, language)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>#{row.sequence}</Typography.Text>
        </Space>
      ),
    },
    {
      key: 'actor', title: t('columns.actor'), dataIndex: 'actorName',
      render: (name: string, row) => (
        <Space orientation="vertical" size={0}>
          <span data-testid="audit-actor">{row.actorId === 'system' ? t('system') : name}</span>
          {row.actingFor && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="audit-acting-for">
              {t('actingFor', { name: row.actingFor })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      key: 'tenant', title: t('columns.tenant'), dataIndex: 'tenant', responsive: ['sm'],
      render: (tenant?: string) => (
        <span data-testid="audit-tenant" data-tenant={tenant ?? ''}>{tenant ? tenantName(tenant) : t('platform')}</span>
      ),
    },
    {
      key: 'action', title: t('columns.action'), dataIndex: 'action',
      render: (action: string) => (
        <Tooltip title={action}>
          <span data-testid="audit-action" data-action={action}>{actionLabel(action)}</span>
        </Tooltip>
      ),
    },
    {
      key: 'subject', title: t('columns.subject'), responsive: ['md'],
      render: (_, row) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {row.subjectKind ? t(`subjectKinds.${row.subjectKind}`, { defaultValue: row.subjectKind }) : ''}
          </Typography.Text>
          <Typography.Text code style={{ wordBreak: 'break-all' }}>{row.subjectId}</Typography.Text>
        </Space>
      ),
    },
    {
      key: 'request', title: t('columns.request'), dataIndex: 'requestId', onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (requestId?: string) => (requestId
        ? (
          <Link to={`/requests/${encodeURIComponent(requestId)}`} aria-label={t('openRequest', { id: requestId })}
            data-testid="audit-request-link">
            <Typography.Text code>{shortHash(requestId, 8)}</Typography.Text>
          </Link>
        )
        : '—'),
    },
    {
      key: 'hash', title: t('columns.hash'), dataIndex: 'hash', responsive: ['xl'], onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (hash: string) => <Tooltip title={hash}><Typography.Text code>{shortHash(hash)}</Typography.Text></Tooltip>,
    },
  ];

  return (
    <Flex vertical gap={16} data-testid="audit">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('title')}</Typography.Title>
          <Typography.Text type="secondary">{t('intro')}</Typography.Text>
        </div>
        <Tooltip title={t('common:actions.refresh')}>
          <Button icon={<ReloadOutlined spin={list.isFetching} />} aria-label={t('common:actions.refresh')}
            onClick={() => void list.refetch()} />
        </Tooltip>
      </Flex>

      {!refused && <ChainStatus />}

      {!refused && <Card size="small" title={t('filters.label')}>
        <Flex wrap gap={12} align="center">
          {(me?.tenants.length ?? 0) > 1 && (
            <Select aria-label={t('filters.tenant')} style={{ minWidth: 160 }} value={filters.tenant ?? ''}
              data-testid="audit-tenant-filter" onChange={value => update({ tenant: value })}
              options={[{ value: '', label: t('filters.allTenants') },
                ...(me?.tenants ?? []).map(entry => ({ value: entry.tenantId, label: entry.name ?? entry.tenantId }))]} />
          )}
          <Select aria-label={t('filters.action')} style={{ minWidth: 200 }} value={filters.action ?? ''}
            data-testid="audit-action-filter" onChange={value => update({ action: value })} popupMatchSelectWidth={false}
            options={[{ value: '', label: t('filters.allActions') },
              ...ACTION_FAMILIES.map(family => ({ value: `${family}.`, label: t(`families.${family}`) })),
              // one action from a link (e.g. approval.approved) stays selectable
              ...(filters.action && !filters.action.endsWith('.')
                ? [{ value: filters.action, label: actionLabel(filters.action) }] : [])]} />
          <Input.Search aria-label={t('filters.subject')} placeholder={t('filters.subjectPlaceholder')} allowClear
            style={{ maxWidth: 300 }} value={subject} onChange={event => setSubject(event.target.value)}
            onSearch={value => update({ subject: value.trim() || undefined })} data-testid="audit-subject" />
          <Input.Search aria-label={t('filters.actor')} placeholder={t('filters.actorPlaceholder')} allowClear
            style={{ maxWidth: 200 }} value={actor} onChange={event => setActor(event.target.value)}
            onSearch={value => update({ actor: value.trim() || undefined })} data-testid="audit-actor-filter" />
          <DatePicker.RangePicker aria-label={t('filters.period')} placeholder={[t('filters.from'), t('filters.to')]}
            allowEmpty={[true, true]} data-testid="audit-period"
            value={[filters.from ? dayjs(filters.from) : null, filters.to ? dayjs(filters.to) : null]}
            onChange={range => update({
              from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD'),
            })} />
          {filtered && <Button type="link" onClick={() => setParams({}, { replace: true })}>{t('filters.clear')}</Button>}
        </Flex>
      </Card>}

      <QueryState isLoading={list.isLoading} error={list.error}>
        {() => (
          <Table<Entry>
            rowKey="sequence"
            size={screens.md ? 'middle' : 'small'}
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching && list.isPlaceholderData}
            scroll={{ x: true }}
            locale={{ emptyText: t('empty') }}
            expandable={{ expandedRowRender: row => <EntryDetails entry={row} /> }}
            pagination={{
              current: filters.page + 1,
              pageSize: filters.size,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES.map(String),
              showTotal: count => t('total', { total: count }),
              simple: !screens.sm,
              onChange: (page, size) => update({ page: size === filters.size ? page - 1 : 0, size }),
            }}
          />
        )}
      </QueryState>

      {!refused && <CheckpointsCard />}
    </Flex>
  );
}

/** A row opened: its details pretty-printed, who exactly acted, and where it sits in the chain. */
function EntryDetails({ entry }: { entry: Entry }) {
  const { t } = useTranslation('audit');
  const details = prettyDetails(entry.details);
  return (
    <Flex vertical gap={8} data-testid="audit-details" data-sequence={entry.sequence}>
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered items={[
        { key: 'sequence', label: t('details.sequence'), children: entry.sequence },
        { key: 'actorId', label: t('details.actorId'), children: <Typography.Text code>{entry.actorId}</Typography.Text> },
        { key: 'hash', label: t('details.hash'), span: 2,
          children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="audit-hash">{entry.hash}</Typography.Text> },
        { key: 'prevHash', label: t('details.prevHash'), span: 2,
          children: <Typography.Text code style={{ wordBreak: 'break-all' }} data-testid="audit-prev-hash">{entry.prevHash}</Typography.Text> },
      ]} />
      <Typography.Text strong>{t('details.title')}</Typography.Text>
      {details && details !== '{}'
        ? <pre className="audit-json" translate="no" data-testid="audit-details-json">{details}</pre>
        : <Typography.Text type="secondary">{t('details.none')}</Typography.Text>}
    </Flex>
  );
}
