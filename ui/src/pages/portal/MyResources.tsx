import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Flex, Grid, Select, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  ArrowsAltOutlined, CalendarOutlined, DeleteOutlined, PauseCircleOutlined, PlayCircleOutlined, RedoOutlined,
  ReloadOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';

import { api } from '../../api/client';
import { unwrap } from '../../api/problems';
import { useTenant } from '../../app/me';
import { QueryState } from '../../app/QueryState';
import { formatDateTime, mibToGib } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { useProjects } from './portalQueries';
import { LeaseEnd, ResourceStateTag, useStateName } from './RequestResources';
import {
  availableActions, isPowerAction, isTransient, NAMESPACE_STATES, NODE_STATES, requestActionPath, VM_STATES,
  type PowerAction, type ResourceAction,
} from './resourceActions';
import {
  listResources, RESOURCE_KINDS, type AnyResource, type Kind, type NamespaceResource, type NodeResource, type Size,
  type VmResource,
} from './resourceModel';

const ICONS: Record<ResourceAction, React.ReactNode> = {
  start: <PlayCircleOutlined />,
  stop: <PauseCircleOutlined />,
  reboot: <RedoOutlined />,
  renew: <CalendarOutlined />,
  resize: <ArrowsAltOutlined />,
  decommission: <DeleteOutlined />,
};

const STATES: Record<Kind, readonly string[]> = { vm: VM_STATES, 'k8s-node': NODE_STATES, namespace: NAMESPACE_STATES };

function nameOf(resource: AnyResource): string {
  if (resource.kind === 'vm') {
    return resource.hostname ?? resource.id;
  }
  return resource.name ?? resource.id;
}

/** The owner's actions on one resource: power actions after a confirmation, the others as new requests. */
function Actions({ resource, compact }: { resource: AnyResource; compact: boolean }) {
  const { t } = useTranslation('requests');
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const client = useQueryClient();
  const name = nameOf(resource);
  const act = useMutation({
    mutationFn: async (action: PowerAction) => unwrap(await api.POST('/api/resources/{id}/actions/{action}', {
      params: { path: { id: resource.id, action } },
    })),
    onSuccess: (_, action) => {
      void message.success(t(`resources.done.${action}`, { name }));
      void client.invalidateQueries({ queryKey: ['resources'] });
    },
    onError: error => {
      void message.error(t('resources.failed', { name, message: error instanceof Error ? error.message : String(error) }));
      void client.invalidateQueries({ queryKey: ['resources'] });
    },
  });
  const actions = availableActions(resource);
  if (actions.length === 0) {
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  const run = (action: ResourceAction) => {
    if (isPowerAction(action)) {
      modal.confirm({
        title: t(`resources.confirm.${action}`, { name }),
        okText: t(`resources.action.${action}`),
        okButtonProps: { danger: action !== 'start', ...{ 'data-testid': 'confirm-action' } },
        cancelText: t('common:actions.cancel'),
        onOk: () => act.mutateAsync(action).catch(() => undefined),
      });
    } else {
      navigate(requestActionPath(action, resource.id));
    }
  };
  return (
    <Space size={4} wrap onClick={event => event.stopPropagation()}>
      {actions.map(action => {
        const label = t(`resources.action.${action}`);
        return (
          <Tooltip key={action} title={compact ? label : undefined}>
            <Button size="small" icon={ICONS[action]} data-testid={`action-${action}`} aria-label={label}
              danger={action === 'decommission'} loading={act.isPending && act.variables === action}
              onClick={() => run(action)}>
              {compact ? null : label}
            </Button>
          </Tooltip>
        );
      })}
    </Space>
  );
}

function useSizeText() {
  const { t } = useTranslation('requests');
  return (size: Size | undefined) => {
    if (!size) {
      return '—';
    }
    const parts = [
      size.vcpus !== undefined ? t('common:units.vcpus', { count: size.vcpus }) : undefined,
      size.memoryMiB !== undefined ? t('common:units.memoryGiB', { value: mibToGib(size.memoryMiB) }) : undefined,
      size.diskGiB !== undefined ? t('common:units.diskGiB', { value: size.diskGiB }) : undefined,
      size.gpus ? t('spec.gpuCount', { count: size.gpus }) : undefined,
    ];
    return parts.filter(Boolean).join(' · ');
  };
}

/** My resources: VMs, worker nodes and namespaces of the caller's tenants, with the owner's actions. */
export default function MyResources() {
  const { t } = useTranslation('requests');
  const language = currentLanguage();
  const screens = Grid.useBreakpoint();
  const sizeText = useSizeText();
  const stateName = useStateName();
  const { tenant: headerTenant } = useTenant();
  const [params, setParams] = useSearchParams();
  const kind = ((RESOURCE_KINDS as readonly string[]).includes(params.get('kind') ?? '') ? params.get('kind') : 'vm') as Kind;
  const tenant = params.get('tenant') || headerTenant;
  const project = params.get('project') || undefined;
  const state = params.get('state') || undefined;
  const page = Math.max(0, Number(params.get('page') ?? '0') || 0);
  const size = Math.min(200, Math.max(1, Number(params.get('size') ?? '20') || 20));
  const highlight = params.get('highlight');
  const projects = useProjects(tenant);

  const list = useQuery({
    queryKey: ['resources', { kind, tenant, project, state, page, size }],
    placeholderData: keepPreviousData,
    refetchInterval: query => (query.state.data?.items ?? []).some(item => isTransient(item.state)) ? 5_000 : 30_000,
    queryFn: () => listResources({ kind, tenant, project, state, page, size }),
  });

  const update = (changes: Record<string, string | undefined>) => {
    setParams(previous => {
      const next = new URLSearchParams(previous);
      Object.entries(changes).forEach(([key, value]) => (value ? next.set(key, value) : next.delete(key)));
      if (!('page' in changes)) {
        next.delete('page');
      }
      next.delete('highlight');
      return next;
    }, { replace: true });
  };

  const requestLink = (requestId: string | undefined) => (requestId
    ? <Link to={`/requests/${encodeURIComponent(requestId)}`} onClick={event => event.stopPropagation()}>
      <Typography.Text code>{requestId}</Typography.Text>
    </Link>
    : '—');
  const actionsColumn = {
    key: 'actions', title: t('resources.columns.actions'), fixed: screens.lg ? 'right' as const : undefined,
    render: (_: unknown, resource: AnyResource) => <Actions resource={resource} compact={!screens.xxl} />,
  };

  const vmColumns: ColumnsType<VmResource> = [
    {
      key: 'name', title: t('resources.columns.name'),
      render: (_, vm) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{vm.hostname ?? vm.id}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {[vm.hostname ? vm.id : undefined, vm.arch].filter(Boolean).join(' · ')}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'state', title: t('resources.columns.state'), dataIndex: 'state',
      render: (value: string, vm) => <ResourceStateTag state={value} reason={vm.stateReason} />,
    },
    { key: 'size', title: t('resources.columns.size'), render: (_, vm) => sizeText(vm.size), responsive: ['sm'] },
    { key: 'host', title: t('resources.columns.host'), dataIndex: 'host', responsive: ['xl'], render: (host?: string) => host ?? '—' },
    {
      key: 'ip', title: t('resources.columns.ip'), dataIndex: 'ipAddress', responsive: ['sm'],
      render: (ip?: string) => (ip ? <Typography.Text copyable>{ip}</Typography.Text> : '—'),
    },
    { key: 'lease', title: t('resources.columns.lease'), dataIndex: 'leaseExpiresAt', render: (at?: string) => <LeaseEnd at={at} /> },
    { key: 'project', title: t('resources.columns.project'), dataIndex: 'project', responsive: ['xl'] },
    { key: 'request', title: t('resources.columns.request'), dataIndex: 'requestId', responsive: ['md'], render: requestLink },
    actionsColumn,
  ];

  const nodeColumns: ColumnsType<NodeResource> = [
    { key: 'name', title: t('resources.columns.name'), render: (_, node) => <Typography.Text strong>{node.name ?? node.id}</Typography.Text> },
    { key: 'cluster', title: t('resources.columns.cluster'), dataIndex: 'cluster', responsive: ['sm'] },
    {
      key: 'state', title: t('resources.columns.state'), dataIndex: 'state',
      render: (value: string, node) => <ResourceStateTag state={value} reason={node.stateReason} />,
    },
    {
      key: 'ready', title: t('resources.columns.ready'), responsive: ['md'],
      render: (_, node) => (!node.live ? <Typography.Text type="secondary">{t('resources.unknown')}</Typography.Text> : (
        <Space size={4}>
          <Tag color={node.live.ready ? 'success' : 'error'}>{node.live.ready ? t('resources.nodeReady') : t('resources.nodeNotReady')}</Tag>
          {node.live.cordoned && <Tag color="orange">{t('resources.cordoned')}</Tag>}
        </Space>
      )),
    },
    { key: 'arch', title: t('resources.columns.arch'), dataIndex: 'arch', responsive: ['md'] },
    { key: 'project', title: t('resources.columns.project'), dataIndex: 'project', responsive: ['lg'] },
    { key: 'request', title: t('resources.columns.request'), dataIndex: 'requestId', responsive: ['md'], render: requestLink },
    { key: 'created', title: t('resources.columns.created'), dataIndex: 'createdAt', responsive: ['lg'], render: (at: string) => formatDateTime(at, language) },
    actionsColumn,
  ];

  const namespaceColumns: ColumnsType<NamespaceResource> = [
    { key: 'name', title: t('resources.columns.name'), render: (_, ns) => <Typography.Text strong>{ns.name ?? ns.id}</Typography.Text> },
    { key: 'cluster', title: t('resources.columns.cluster'), dataIndex: 'cluster', responsive: ['sm'] },
    {
      key: 'state', title: t('resources.columns.state'), dataIndex: 'state',
      render: (value: string, ns) => <ResourceStateTag state={value} reason={ns.stateReason} />,
    },
    { key: 'quota', title: t('resources.columns.quota'), responsive: ['md'], render: (_, ns) => sizeText(ns.quota) },
    { key: 'project', title: t('resources.columns.project'), dataIndex: 'project', responsive: ['lg'] },
    { key: 'request', title: t('resources.columns.request'), dataIndex: 'requestId', responsive: ['md'], render: requestLink },
    { key: 'created', title: t('resources.columns.created'), dataIndex: 'createdAt', responsive: ['lg'], render: (at: string) => formatDateTime(at, language) },
    actionsColumn,
  ];

  const columns = (kind === 'vm' ? vmColumns : kind === 'k8s-node' ? nodeColumns : namespaceColumns) as ColumnsType<AnyResource>;

  return (
    <Flex vertical gap={16} data-testid="resources">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>{t('resources.title')}</Typography.Title>
        <Tooltip title={t('common:actions.refresh')}>
          <Button icon={<ReloadOutlined spin={list.isFetching} />} aria-label={t('common:actions.refresh')}
            onClick={() => void list.refetch()} />
        </Tooltip>
      </Flex>
      <Tabs activeKey={kind} onChange={key => update({ kind: key === 'vm' ? undefined : key, state: undefined })}
        items={RESOURCE_KINDS.map(value => ({ key: value, label: t(`resources.kind.${value}`) }))} />
      <Flex wrap gap={12}>
        {tenant && (
          <Select aria-label={t('resources.project')} style={{ minWidth: 170 }} value={project ?? ''}
            loading={projects.isLoading} onChange={value => update({ project: value })}
            options={[{ value: '', label: t('resources.allProjects') },
              ...(projects.data ?? []).map(item => ({ value: item.id!, label: item.name ?? item.id! }))]} />
        )}
        <Select aria-label={t('resources.state')} style={{ minWidth: 170 }} value={state ?? ''}
          onChange={value => update({ state: value })}
          options={[{ value: '', label: t('resources.allStates') }, ...STATES[kind].map(value => ({ value, label: stateName(value) }))]} />
      </Flex>
      <QueryState isLoading={list.isLoading} error={list.error}>
        {() => (
          <Table<AnyResource>
            rowKey="id"
            size={screens.md ? 'middle' : 'small'}
            columns={columns}
            dataSource={list.data?.items ?? []}
            loading={list.isFetching && list.isPlaceholderData}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('resources.empty') }}
            rowClassName={resource => (resource.id === highlight ? 'ant-table-row-selected' : '')}
            pagination={{
              current: page + 1,
              pageSize: size,
              total: list.data?.total ?? 0,
              showSizeChanger: true,
              pageSizeOptions: ['10', '20', '50', '100'],
              showTotal: total => t('resources.total', { total }),
              simple: !screens.sm,
              onChange: (next, nextSize) => update({
                page: next > 1 && nextSize === size ? String(next - 1) : undefined,
                size: nextSize === 20 ? undefined : String(nextSize),
              }),
            }}
          />
        )}
      </QueryState>
    </Flex>
  );
}
