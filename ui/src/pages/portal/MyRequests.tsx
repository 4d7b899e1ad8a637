import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Grid, Input, Select, Space, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';

import { api } from '../../api/client';
import { unwrap } from '../../api/problems';
import { useMe, useTenant } from '../../app/me';
import { QueryState } from '../../app/QueryState';
import { formatDateTime, formatMoney } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { useProjects, useSeesOthers } from './portalQueries';
import { ALL, listFilters } from './listFilters';
import { REQUEST_STATUSES, STORED_REQUEST_TYPES, isFinal, type RequestRow } from './requestModel';
import { StatusTag, useTypeLabel } from './StatusTag';

const PAGE_SIZES = ['10', '20', '50', '100'];
/** My requests: the caller's requests (or, for approvers and tenant admins, the tenant's), a page at a time. */
export default function MyRequests() {
  const { t } = useTranslation('requests');
  const language = currentLanguage();
  const typeLabel = useTypeLabel();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const { tenant: headerTenant } = useTenant();
  const { data: me, isLoading: meLoading } = useMe();
  const [params, setParams] = useSearchParams();
  const filters = listFilters(params, headerTenant);
  const seesOthers = useSeesOthers(filters.tenant);
  const mine = seesOthers ? filters.mine : true;
  const projects = useProjects(filters.tenant);
  const [text, setText] = useState(filters.text ?? '');
  useEffect(() => setText(filters.text ?? ''), [filters.text]);

  const list = useQuery({
    queryKey: ['requests', { ...filters, mine }],
    // who the user is decides `mine`: not asked twice
    enabled: !meLoading,
    placeholderData: keepPreviousData,
    // a page showing a request still on its way refreshes by itself
    refetchInterval: query => (query.state.data?.items ?? []).some(row => !isFinal(row.status))
      ? 10_000 : false,
    queryFn: async () => unwrap(await api.GET('/api/requests', {
      params: {
        query: {
          tenant: filters.tenant, status: filters.status, type: filters.type, project: filters.project, mine,
          page: filters.page, size: filters.size,
          // the request id or its beginning, or words of the justification
          text: filters.text,
        },
      },
    })),
  });

  /** Changes some filters; any change but the page itself goes back to the first page. */
  const update = (changes: Record<string, string | undefined>) => {
    setParams(previous => {
      const next = new URLSearchParams(previous);
      Object.entries(changes).forEach(([key, value]) => (value === undefined || value === ''
        ? next.delete(key) : next.set(key, value)));
      if (!('page' in changes)) {
        next.delete('page');
      }
      return next;
    }, { replace: true });
  };

  const rows: RequestRow[] = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const filtered = ['status', 'type', 'project', 'tenant', 'mine', 'text'].some(key => params.has(key));

  const columns: ColumnsType<RequestRow> = [
    {
      key: 'id', title: t('list.columns.id'), dataIndex: 'id', fixed: screens.md ? 'left' : undefined,
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (id: string, row) => (
        <Space size={4} wrap={false}>
          <Link to={`/requests/${encodeURIComponent(id)}`} onClick={event => event.stopPropagation()}>
            <Typography.Text code>{id}</Typography.Text>
          </Link>
          {row.overQuota && screens.sm && <Tag color="warning">{t('list.overQuota')}</Tag>}
        </Space>
      ),
    },
    { key: 'type', title: t('list.columns.type'), dataIndex: 'type', render: (type: string) => typeLabel(type) },
    { key: 'status', title: t('list.columns.status'), dataIndex: 'status', render: (status: string) => <StatusTag status={status} /> },
    ...(!filters.tenant || (me?.tenants.length ?? 0) > 1 ? [{
      key: 'tenant', title: t('list.columns.tenant'), dataIndex: 'tenant', responsive: ['lg' as const],
    }] : []),
    { key: 'project', title: t('list.columns.project'), dataIndex: 'project', responsive: ['sm'] },
    ...(!mine ? [{
      key: 'requester', title: t('list.columns.requester'), dataIndex: 'requester', responsive: ['md' as const],
    }] : []),
    {
      key: 'submitted', title: t('list.columns.submitted'), dataIndex: 'createdAt', responsive: ['md'],
      render: (at: string) => formatDateTime(at, language),
    },
    {
      key: 'cost', title: t('list.columns.cost'), dataIndex: 'monthlyCost', align: 'right', responsive: ['sm'],
      render: (cost: number, row) => formatMoney(cost, row.currency, language),
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('list.title')}</Typography.Title>
        <Space wrap>
          <Tooltip title={t('common:actions.refresh')}>
            <Button icon={<ReloadOutlined spin={list.isFetching} />} aria-label={t('common:actions.refresh')}
              onClick={() => void list.refetch()} />
          </Tooltip>
          <Link to="/requests/new">
            <Button type="primary" icon={<PlusOutlined />} data-testid="new-request">{t('list.newRequest')}</Button>
          </Link>
        </Space>
      </Flex>

      <Card size="small" aria-label={t('list.filters')}>
        <Flex wrap gap={12} align="center">
          <Select aria-label={t('list.status')} style={{ minWidth: 170 }} value={filters.status ?? ''}
            onChange={value => update({ status: value })}
            options={[{ value: '', label: t('list.allStatuses') },
              ...REQUEST_STATUSES.map(status => ({ value: status, label: t(`common:status.${status}`) }))]} />
          <Select aria-label={t('list.type')} style={{ minWidth: 190 }} value={filters.type ?? ''}
            onChange={value => update({ type: value })}
            options={[{ value: '', label: t('list.allTypes') },
              ...STORED_REQUEST_TYPES.map(type => ({ value: type, label: typeLabel(type) }))]} />
          {(me?.tenants.length ?? 0) > 1 && (
            <Select aria-label={t('list.tenant')} style={{ minWidth: 160 }} value={filters.tenant ?? ALL}
              onChange={value => update({ tenant: value, project: undefined })}
              options={[{ value: ALL, label: t('list.allTenants') },
                ...(me?.tenants ?? []).map(entry => ({ value: entry.tenantId, label: entry.name ?? entry.tenantId }))]} />
          )}
          {filters.tenant && (
            <Select aria-label={t('list.project')} style={{ minWidth: 160 }} value={filters.project ?? ''}
              loading={projects.isLoading} onChange={value => update({ project: value })}
              options={[{ value: '', label: t('list.allProjects') },
                ...(projects.data ?? []).map(project => ({ value: project.id!, label: project.name ?? project.id! }))]} />
          )}
          {seesOthers && (
            <Tooltip title={t('list.mineHelp')}>
              <Space>
                <Switch checked={mine} aria-label={t('list.mine')} data-testid="mine"
                  onChange={checked => update({ mine: checked ? undefined : '0' })} />
                <Typography.Text>{t('list.mine')}</Typography.Text>
              </Space>
            </Tooltip>
          )}
          <Input.Search aria-label={t('list.search')} placeholder={t('list.searchPlaceholder')} allowClear
            style={{ maxWidth: 300 }} value={text} onChange={event => setText(event.target.value)}
            onSearch={value => update({ text: value.trim() || undefined })} data-testid="request-search" />
          {filtered && <Button type="link" onClick={() => setParams({}, { replace: true })}>{t('list.clear')}</Button>}
        </Flex>
      </Card>

      <QueryState isLoading={list.isLoading || meLoading} error={list.error}>
        {() => (
          <Table<RequestRow>
            rowKey="id"
            size={screens.md ? 'middle' : 'small'}
            columns={columns}
            dataSource={rows}
            loading={list.isFetching && list.isPlaceholderData}
            scroll={{ x: true }}
            locale={{ emptyText: filtered ? t('list.empty') : t('list.emptyMine') }}
            onRow={row => ({
              onClick: () => navigate(`/requests/${encodeURIComponent(row.id ?? '')}`),
              style: { cursor: 'pointer' },
            })}
            pagination={{
              current: filters.page + 1,
              pageSize: filters.size,
              total,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES,
              showTotal: count => t('list.total', { total: count }),
              simple: !screens.sm,
              onChange: (page, size) => update({
                page: page > 1 && size === filters.size ? String(page - 1) : undefined,
                size: size === 20 ? undefined : String(size),
              }),
            }}
          />
        )}
      </QueryState>
    </Flex>
  );
}
