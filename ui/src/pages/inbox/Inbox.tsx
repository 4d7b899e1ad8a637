import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert, App, Button, Card, Checkbox, Flex, Form, Grid, Input, Modal, Select, Space, Table, Tag, Tooltip, Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router-dom';

import { ProblemError } from '../../api/problems';
import { QueryState } from '../../app/QueryState';
import { useMe, useTenant } from '../../app/me';
import { formatDateTime, formatDuration } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { bulkApprove, claimTask, inboxVersion, listTasks, releaseTask, TASKS_KEY } from './api';
import { BulkResults } from './BulkResults';
import { ageOf, byDue, deadlineOf } from './deadline';
import {
  HELD_VALUES, PAGE_SIZES, isFiltered, parseFilters, serialiseFilters, toTaskQuery, withFilter, type Held,
  type InboxFilters,
} from './filters';
import { REQUEST_TYPES, rowOf, specName, type BulkResult, type Task } from './model';
import { markSeen, newSince, type Seen } from './newTasks';
import { errorKind, problemDetail } from './problems';
import { COMMENT_MAX } from './rules';
import { useNow } from './useNow';

const POLL_MS = 5_000;


/** The approver inbox: open tasks of my tenants, soonest due first, with filters in the URL, claim and bulk approval. */
export default function Inbox() {
  const { t } = useTranslation('inbox');
  const language = currentLanguage();
  const screens = Grid.useBreakpoint();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const client = useQueryClient();
  const { data: me } = useMe();
  const { tenant: headerTenant } = useTenant();
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = parseFilters(searchParams, headerTenant);
  const now = useNow();

  const setFilters = (next: InboxFilters) => setSearchParams(serialiseFilters(next, headerTenant), { replace: true });

  // the version endpoint tells when to reload; without it (older server) the list polls itself
  const etag = useRef<string | undefined>(undefined);
  const version = useQuery({
    queryKey: [...TASKS_KEY, 'version'],
    queryFn: async () => {
      const answer = await inboxVersion(etag.current);
      etag.current = answer.etag;
      return answer.etag ?? null;
    },
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
    retry: false,
    staleTime: 0,
  });
  const versionWorks = version.isSuccess;
  const listQuery = toTaskQuery(filters);
  const tasks = useQuery({
    queryKey: [...TASKS_KEY, 'list', listQuery],
    queryFn: ({ signal }) => listTasks(listQuery, signal),
    placeholderData: keepPreviousData,
    refetchInterval: versionWorks ? false : POLL_MS,
    refetchOnWindowFocus: true,
    staleTime: 0,
  });
  const lastVersion = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (version.data === undefined) {
      return;
    }
    if (lastVersion.current !== undefined && lastVersion.current !== version.data) {
      void client.invalidateQueries({ queryKey: [...TASKS_KEY, 'list'] });
    }
    lastVersion.current = version.data;
  }, [version.data, client]);

  const rows = useMemo(() => [...(tasks.data?.items ?? [])].sort(byDue), [tasks.data]);

  // "N new tasks": ids of this view the user has not seen yet
  const view = serialiseFilters(filters, headerTenant).toString();
  const [seen, setSeen] = useState<Seen | undefined>(undefined);
  const ids = rows.map(task => task.id ?? '');
  const { seen: nextSeen, fresh } = newSince(seen, view, tasks.isPlaceholderData ? [] : ids);
  useEffect(() => {
    if (!tasks.isPlaceholderData && tasks.data && nextSeen !== seen) {
      setSeen(nextSeen);
    }
  }, [nextSeen, seen, tasks.data, tasks.isPlaceholderData]);
  const freshIds = new Set(fresh);

  // levels offered in the filter: those seen so far
  const levels = useRef(new Set<string>());
  rows.forEach(task => task.level && levels.current.add(task.level));
  if (filters.level) levels.current.add(filters.level);

  const [selected, setSelected] = useState<string[]>([]);
  useEffect(() => {
    // a task decided meanwhile leaves the selection
    setSelected(current => {
      const still = current.filter(id => ids.includes(id));
      return still.length === current.length ? current : still;
    });
  }, [ids.join(',')]); // eslint-disable-line react-hooks/exhaustive-deps

  const isMine = (task: Task) => !!me && !!task.assignee && (task.assignee === me.username || task.assignee === me.sub);

  const hold = useMutation({
    mutationFn: async ({ task, claim }: { task: Task; claim: boolean }) =>
      claim ? claimTask(task.id ?? '') : releaseTask(task.id ?? ''),
    onSuccess: (_, { claim }) => {
      message.success(t(claim ? 'messages.claimed' : 'messages.released'));
      void client.invalidateQueries({ queryKey: TASKS_KEY });
    },
    onError: error => {
      message.error(`${t(errorKind(error))} ${problemDetail(error) ?? ''}`.trim());
      void client.invalidateQueries({ queryKey: TASKS_KEY });
    },
  });

  const [bulkOpen, setBulkOpen] = useState(false);
  const [bulkResult, setBulkResult] = useState<BulkResult | undefined>(undefined);
  const [bulkForm] = Form.useForm<{ comment?: string }>();
  const bulk = useMutation({
    mutationFn: ({ taskIds, comment }: { taskIds: string[]; comment?: string }) => bulkApprove(taskIds, comment),
    onSuccess: result => {
      setBulkOpen(false);
      bulkForm.resetFields();
      setBulkResult(result);
      setSelected([]);
      void client.invalidateQueries({ queryKey: TASKS_KEY });
    },
  });

  const openTask = (task: Task) => navigate(`/inbox/${encodeURIComponent(task.id ?? '')}`, { state: { from: location.search } });

  const columns: TableColumnsType<Task> = [
    {
      key: 'request',
      title: t('columns.request'),
      render: (_, task) => {
        const row = rowOf(task);
        const name = specName(task.request?.spec);
        return (
          <Space orientation="vertical" size={0}>
            <Space size={4} wrap>
              <Link to={`/inbox/${encodeURIComponent(row.id)}`} state={{ from: location.search }}>
                <Typography.Text strong>{row.type ? t(`common:requestType.${row.type}`, { defaultValue: row.type }) : '—'}</Typography.Text>
              </Link>
              {name && <Typography.Text code>{name}</Typography.Text>}
              {freshIds.has(row.id) && <Tag color="blue">{t('list.newTag')}</Tag>}
              {task.request?.overQuota && <Tag color="volcano">{t('list.overQuota')}</Tag>}
            </Space>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {row.requestId ?? '—'} · {row.tenant ?? '—'} / {row.project ?? '—'}
            </Typography.Text>
          </Space>
        );
      },
    },
    { key: 'requester', title: t('columns.requester'), render: (_, task) => rowOf(task).requester ?? '—' },
    { key: 'level', title: t('columns.level'), dataIndex: 'level', render: (level?: string) => level ? <Tag>{level}</Tag> : '—' },
    {
      key: 'due',
      title: t('columns.due'),
      render: (_, task) => {
        const deadline = deadlineOf(task, now);
        return (
          <Space size={4} wrap>
            <span>{formatDateTime(task.due, language)}</span>
            {deadline.overdue && <Tag color="red" data-testid="overdue">{t('deadline.overdue')}</Tag>}
            {deadline.escalated && (
              <Tooltip title={task.escalatedTo ? t('deadline.escalatedTo', { group: task.escalatedTo }) : undefined}>
                <Tag color="orange" data-testid="escalated">{t('deadline.escalated')}</Tag>
              </Tooltip>
            )}
            {deadline.dueSoon && <Tag color="gold">{t('deadline.dueSoon')}</Tag>}
          </Space>
        );
      },
    },
    {
      key: 'claimedBy',
      title: t('columns.claimedBy'),
      render: (_, task) => {
        if (!task.assignee) {
          return <Typography.Text type="secondary">{t('list.unclaimed')}</Typography.Text>;
        }
        return (
          <Space orientation="vertical" size={0}>
            <span>{isMine(task) ? t('list.me') : task.assignee}</span>
            {task.delegatedBy && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('list.delegatedBy', { user: task.delegatedBy })}</Typography.Text>
            )}
          </Space>
        );
      },
    },
    { key: 'age', title: t('columns.age'), render: (_, task) => formatDuration(ageOf(task, now)) },
    {
      key: 'actions',
      title: t('columns.actions'),
      fixed: screens.md ? 'right' : undefined,
      render: (_, task) => {
        const busy = hold.isPending && hold.variables?.task.id === task.id;
        const stop = (event: React.MouseEvent) => event.stopPropagation();
        if (!task.assignee) {
          return (
            <Button size="small" loading={busy} data-testid="row-claim"
              onClick={event => { stop(event); hold.mutate({ task, claim: true }); }}>{t('actions.claim')}</Button>
          );
        }
        if (isMine(task) || (me && task.delegatedBy === me.username)) {
          return (
            <Button size="small" loading={busy} data-testid="row-release"
              onClick={event => { stop(event); hold.mutate({ task, claim: false }); }}>{t('actions.release')}</Button>
          );
        }
        return null;
      },
    },
  ];

  const tenantOptions = [
    { value: '', label: t('filters.allTenants') },
    ...(me?.tenants ?? []).map(item => ({ value: item.tenantId, label: item.name ?? item.tenantId })),
  ];
  const heldOptions = [
    { value: '', label: t('filters.heldAny') },
    ...HELD_VALUES.map(value => ({ value, label: t(`filters.held.${value}`) })),
  ];

  return (
    <div data-testid="inbox">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>{t('title')}</Typography.Title>
          <Typography.Text type="secondary">{t('subtitle')}</Typography.Text>
        </div>
        <Space wrap>
          <Button icon={<ReloadOutlined />} loading={tasks.isFetching && !tasks.isLoading}
            onClick={() => void client.invalidateQueries({ queryKey: TASKS_KEY })}>{t('common:actions.refresh')}</Button>
          <Button type="primary" icon={<CheckOutlined />} data-testid="bulk-approve" disabled={selected.length === 0}
            onClick={() => { bulk.reset(); setBulkOpen(true); }}>
            {t('bulk.button', { count: selected.length })}
          </Button>
        </Space>
      </Flex>

      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout={screens.md ? 'inline' : 'vertical'} style={{ rowGap: 8 }}>
          <Form.Item label={t('filters.tenant')} htmlFor="inbox-tenant">
            <Select id="inbox-tenant" style={{ minWidth: 160 }} value={filters.tenant ?? ''} options={tenantOptions}
              onChange={(value: string) => setFilters(withFilter(filters, { tenant: value || undefined }))} />
          </Form.Item>
          <Form.Item label={t('filters.type')} htmlFor="inbox-type">
            <Select id="inbox-type" style={{ minWidth: 180 }} allowClear placeholder={t('filters.anyType')}
              value={filters.type} onChange={(value?: string) => setFilters(withFilter(filters, { type: value || undefined }))}
              options={REQUEST_TYPES.map(type => ({ value: type, label: t(`common:requestType.${type}`) }))} />
          </Form.Item>
          <Form.Item label={t('filters.level')} htmlFor="inbox-level">
            <Select id="inbox-level" style={{ minWidth: 140 }} allowClear placeholder={t('filters.anyLevel')}
              value={filters.level} onChange={(value?: string) => setFilters(withFilter(filters, { level: value || undefined }))}
              options={[...levels.current].sort().map(level => ({ value: level, label: level }))} />
          </Form.Item>
          <Form.Item label={t('filters.heldLabel')} htmlFor="inbox-held">
            <Select id="inbox-held" style={{ minWidth: 170 }} value={filters.held ?? ''} options={heldOptions}
              onChange={(value: string) => setFilters(withFilter(filters, { held: (value || undefined) as Held | undefined }))} />
          </Form.Item>
          <Form.Item>
            <Checkbox checked={filters.overdue} data-testid="filter-overdue"
              onChange={event => setFilters(withFilter(filters, { overdue: event.target.checked }))}>{t('filters.overdue')}</Checkbox>
          </Form.Item>
          {isFiltered(filters) && (
            <Form.Item>
              <Button type="link" onClick={() => setFilters({ ...filters, type: undefined, level: undefined, overdue: false, held: undefined, page: 1 })}>
                {t('filters.clear')}
              </Button>
            </Form.Item>
          )}
        </Form>
      </Card>

      {fresh.length > 0 && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} data-testid="new-tasks"
          message={t('list.newTasks', { count: fresh.length })}
          action={<Button size="small" onClick={() => seen && setSeen(markSeen(seen, fresh))}>{t('list.markSeen')}</Button>} />
      )}
      {tasks.error && tasks.data && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('list.refreshFailed')} />
      )}

      <QueryState isLoading={tasks.isLoading} error={tasks.data ? undefined : tasks.error}>
        {() => (
          <Table<Task>
            rowKey={task => task.id ?? ''}
            size="middle"
            columns={columns}
            dataSource={rows}
            scroll={{ x: true }}
            loading={tasks.isFetching && tasks.isPlaceholderData}
            locale={{ emptyText: isFiltered(filters) ? t('list.emptyFiltered') : t('list.empty') }}
            rowSelection={{
              selectedRowKeys: selected,
              onChange: keys => setSelected(keys.map(String)),
              preserveSelectedRowKeys: false,
            }}
            onRow={task => ({
              onClick: event => {
                // clicks on the checkbox, buttons and links do their own thing
                if ((event.target as HTMLElement).closest('button, a, input, .ant-checkbox-wrapper, .ant-table-selection-column')) {
                  return;
                }
                openTask(task);
              },
              style: { cursor: 'pointer' },
            })}
            pagination={{
              current: filters.page,
              pageSize: filters.size,
              total: tasks.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: PAGE_SIZES.map(String),
              showTotal: total => t('common:table.total', { total }),
              onChange: (page, size) => setFilters({ ...filters, page: size !== filters.size ? 1 : page, size }),
            }}
          />
        )}
      </QueryState>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 12 }}>
        {t('list.openHint')} <Link to="/requests">{t('list.myRequestsLink')}</Link>
      </Typography.Paragraph>

      <Modal open={bulkOpen} title={t('bulk.title', { count: selected.length })} okText={t('bulk.confirm')}
        cancelText={t('common:actions.cancel')} confirmLoading={bulk.isPending} destroyOnHidden
        okButtonProps={{ 'data-testid': 'bulk-approve-confirm' } as React.ComponentProps<typeof Button>}
        onCancel={() => setBulkOpen(false)}
        onOk={() => void bulkForm.validateFields().then(({ comment }) => bulk.mutate({ taskIds: selected, comment }))}>
        <Typography.Paragraph>{t('bulk.explain')}</Typography.Paragraph>
        <Form form={bulkForm} layout="vertical">
          <Form.Item name="comment" label={t('bulk.comment')} rules={[{ max: COMMENT_MAX, message: t('rules.commentTooLong') }]}>
            <Input.TextArea rows={3} maxLength={COMMENT_MAX} showCount data-testid="bulk-comment" />
          </Form.Item>
        </Form>
        {bulk.error && (
          <Alert type="error" showIcon message={t(errorKind(bulk.error))}
            description={bulk.error instanceof ProblemError ? problemDetail(bulk.error) : undefined} />
        )}
      </Modal>

      <BulkResults result={bulkResult} onClose={() => setBulkResult(undefined)} />
    </div>
  );
}
