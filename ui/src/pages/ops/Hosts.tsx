import { useMemo } from 'react';
import {
  Alert, Button, Card, Checkbox, Col, Descriptions, Empty, Grid, Input, Row, Segmented, Select, Space, Statistic, Switch,
  Table, Tag, Tooltip, Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { AppstoreOutlined, ReloadOutlined, TableOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router-dom';

import { api } from '../../api/client';
import { unwrap } from '../../api/problems';
import type { components } from '../../api/schema';
import { QueryState } from '../../app/QueryState';
import { formatDateTime, formatNumber, mibToGib } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { CapacityBar } from './CapacityBar';
import { filterHosts, gpuUsage, groupByArch, hostUsage, isUp, summarise, type ArchSummary } from './capacity';
import { oneOf, withParams } from './listParams';

/** A host as GET /api/hosts answers; `vms` only if the API counts them (it does not yet). */
type Host = components['schemas']['HostView'] & { vms?: number };

const AUTO_REFRESH_MS = 30_000;
const STATES = ['', 'up', 'down'] as const;
const VIEWS = ['cards', 'table'] as const;

function useUnits() {
  const { t } = useTranslation('ops');
  const language = currentLanguage();
  return {
    vcpus: (n: number) => formatNumber(n, language, 0),
    memory: (mib: number) => t('common:units.memoryGiB', { value: formatNumber(mibToGib(mib), language, 1) }),
    disk: (gib: number) => t('common:units.diskGiB', { value: formatNumber(gib, language, 0) }),
  };
}

/** The hypervisor hosts for operators: summary per architecture, then each host's state and capacity. */
export default function Hosts() {
  const { t } = useTranslation('ops');
  const language = currentLanguage();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const arch = params.get('arch') ?? '';
  const state = oneOf(params.get('state'), STATES, '');
  const text = params.get('q') ?? '';
  const gpu = params.get('gpu') === '1';
  const view = oneOf(params.get('view'), VIEWS, 'cards');
  const auto = params.get('auto') !== '0';
  const set = (changes: Record<string, string | undefined>) => setParams(withParams(params, changes), { replace: true });

  const query = useQuery({
    queryKey: ['ops', 'hosts'],
    queryFn: async () => unwrap(await api.GET('/api/hosts')) as Host[],
    refetchInterval: auto ? AUTO_REFRESH_MS : false,
  });
  const hosts = query.data;
  const archs = useMemo(() => groupByArch(hosts ?? []).map(g => g.arch), [hosts]);
  const shown = useMemo(() => filterHosts(hosts ?? [], { arch: arch || undefined, state: state || undefined, text, gpu }),
    [hosts, arch, state, text, gpu]);
  const summaries = useMemo(() => groupByArch(hosts ?? []).map(g => summarise(g.arch, g.hosts)), [hosts]);

  return (
    <div data-testid="hosts">
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0, flex: 1, minWidth: 160 }}>{t('hosts.title')}</Typography.Title>
        {query.dataUpdatedAt > 0 && (
          <Typography.Text type="secondary">
            {t('hosts.updated', { time: formatDateTime(query.dataUpdatedAt, language) })}
          </Typography.Text>
        )}
        <Space>
          <Switch checked={auto} onChange={on => set({ auto: on ? undefined : '0' })} aria-label={t('hosts.autoRefresh')} />
          <Typography.Text>{t('hosts.autoRefresh')}</Typography.Text>
        </Space>
        <Button icon={<ReloadOutlined />} loading={query.isFetching} onClick={() => query.refetch()}>
          {t('common:actions.refresh')}
        </Button>
      </div>
      <QueryState isLoading={query.isLoading} error={hosts ? null : query.error}>
        {() => (
          <>
            {hosts && query.error && (
              <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('hosts.refreshFailed', { message: query.error.message })} />
            )}
            <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
              {summaries.map(summary => (
                <Col key={summary.arch} xs={24} lg={summaries.length > 1 ? 12 : 24}>
                  <ArchCard summary={summary} />
                </Col>
              ))}
            </Row>
            <Card size="small" style={{ marginBottom: 16 }}>
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'center' }}>
                <Segmented
                  value={arch}
                  onChange={value => set({ arch: String(value) || undefined })}
                  options={[{ value: '', label: t('hosts.allArchs') }, ...archs.map(a => ({ value: a, label: a }))]}
                />
                <Select
                  value={state}
                  onChange={value => set({ state: value || undefined })}
                  style={{ width: 150 }}
                  aria-label={t('hosts.state')}
                  options={[
                    { value: '', label: t('hosts.allStates') },
                    { value: 'up', label: t('hosts.stateValue.up') },
                    { value: 'down', label: t('hosts.stateValue.down') },
                  ]}
                />
                <Checkbox checked={gpu} onChange={e => set({ gpu: e.target.checked ? '1' : undefined })}>
                  {t('hosts.withGpus')}
                </Checkbox>
                <Input.Search
                  allowClear
                  defaultValue={text}
                  placeholder={t('hosts.searchPlaceholder')}
                  aria-label={t('hosts.search')}
                  onSearch={value => set({ q: value || undefined })}
                  style={{ width: screens.sm ? 280 : '100%' }}
                />
                <div style={{ flex: 1 }} />
                <Typography.Text type="secondary">{t('hosts.shown', { shown: shown.length, total: hosts?.length ?? 0 })}</Typography.Text>
                <Segmented
                  value={view}
                  onChange={value => set({ view: value === 'cards' ? undefined : String(value) })}
                  options={[
                    { value: 'cards', icon: <AppstoreOutlined />, title: t('hosts.cards') },
                    { value: 'table', icon: <TableOutlined />, title: t('hosts.table') },
                  ]}
                  aria-label={t('hosts.view')}
                />
              </div>
            </Card>
            {shown.length === 0 && <Empty description={t('hosts.none')} />}
            {shown.length > 0 && view === 'table' && <HostTable hosts={shown} />}
            {shown.length > 0 && view === 'cards' && groupByArch(shown).map(group => (
              <section key={group.arch} style={{ marginBottom: 24 }}>
                <Typography.Title level={5}>{t('hosts.archGroup', { arch: group.arch, count: group.hosts.length })}</Typography.Title>
                <Row gutter={[16, 16]}>
                  {group.hosts.map(host => (
                    <Col key={host.name} xs={24} md={12} xxl={8}>
                      <HostCard host={host} />
                    </Col>
                  ))}
                </Row>
              </section>
            ))}
          </>
        )}
      </QueryState>
    </div>
  );
}

function ArchCard({ summary }: { summary: ArchSummary }) {
  const { t } = useTranslation('ops');
  const units = useUnits();
  return (
    <Card size="small" title={summary.arch} data-testid={`arch-summary-${summary.arch}`}
      extra={summary.down > 0 ? <Tag color="red">{t('hosts.downCount', { count: summary.down })}</Tag> : undefined}>
      <Row gutter={[16, 12]}>
        <Col xs={12} sm={6}><Statistic title={t('hosts.hostsUp')} value={summary.up} suffix={`/ ${summary.hosts}`} /></Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('hosts.freeVcpus')} value={summary.vcpus.free} suffix={`/ ${summary.vcpus.limit}`} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('hosts.freeMemory')} value={units.memory(summary.memoryMiB.free)} />
        </Col>
        <Col xs={12} sm={6}>
          <Statistic title={t('hosts.freeGpus')} value={summary.gpus.free} suffix={`/ ${summary.gpus.total}`} />
        </Col>
        <Col xs={24} md={8}><CapacityBar label={t('hosts.vcpus')} value={summary.vcpus} unit={units.vcpus} compact /></Col>
        <Col xs={24} md={8}><CapacityBar label={t('hosts.memory')} value={summary.memoryMiB} unit={units.memory} compact /></Col>
        <Col xs={24} md={8}><CapacityBar label={t('hosts.disk')} value={summary.diskGiB} unit={units.disk} compact /></Col>
      </Row>
    </Card>
  );
}

function StateTag({ host }: { host: Host }) {
  const { t } = useTranslation('ops');
  const up = isUp(host);
  const tag = (
    <Tag color={up ? 'green' : 'red'} data-testid="status" data-status={host.state}>
      {up ? t('hosts.stateValue.up') : t('hosts.stateValue.down')}
    </Tag>
  );
  return !up && host.stateReason ? <Tooltip title={host.stateReason}>{tag}</Tooltip> : tag;
}

function Gpus({ host }: { host: Host }) {
  const { t } = useTranslation('ops');
  const gpus = gpuUsage(host);
  if (gpus.total === 0) {
    return <Typography.Text type="secondary">{t('hosts.noGpus')}</Typography.Text>;
  }
  return (
    <div>
      <Typography.Text>{t('hosts.gpusUsed', { used: gpus.used, total: gpus.total })}</Typography.Text>
      {gpus.free.length > 0 && (
        <div style={{ marginTop: 4 }}>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('hosts.freeGpuAddresses')} </Typography.Text>
          {gpus.free.map(address => <Tag key={address} style={{ fontFamily: 'monospace' }}>{address}</Tag>)}
        </div>
      )}
    </div>
  );
}

function Labels({ labels }: { labels?: Record<string, string> }) {
  const entries = Object.entries(labels ?? {}).sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) {
    return <Typography.Text type="secondary">—</Typography.Text>;
  }
  return <>{entries.map(([key, value]) => <Tag key={key} color="blue">{`${key}=${value}`}</Tag>)}</>;
}

function HostCard({ host }: { host: Host }) {
  const { t } = useTranslation('ops');
  const units = useUnits();
  const up = isUp(host);
  return (
    <Card size="small" data-testid={`host-${host.name}`} data-row-key={host.name}
      title={<Space wrap><Typography.Text strong>{host.name}</Typography.Text><StateTag host={host} /></Space>}
      extra={<Typography.Text type="secondary">{host.domainType}</Typography.Text>}
      style={{ height: '100%', borderColor: up ? undefined : '#ffccc7' }}>
      {!up && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }}
          title={t('hosts.downReason', { reason: host.stateReason || t('hosts.noReason') })} />
      )}
      <Space orientation="vertical" style={{ width: '100%' }} size={10}>
        <CapacityBar label={t('hosts.vcpus')} value={hostUsage(host, 'vcpus')} unit={units.vcpus} />
        <CapacityBar label={t('hosts.memory')} value={hostUsage(host, 'memoryMiB')} unit={units.memory} />
        <CapacityBar label={t('hosts.disk')} value={hostUsage(host, 'diskGiB')} unit={units.disk} />
        <Descriptions size="small" column={1} colon={false}
          items={[
            { key: 'gpus', label: t('hosts.gpus'), children: <Gpus host={host} /> },
            { key: 'labels', label: t('hosts.labels'), children: <Labels labels={host.labels} /> },
            ...(host.vms !== undefined ? [{ key: 'vms', label: t('hosts.vms'), children: host.vms }] : []),
            {
              key: 'uri', label: t('hosts.uri'),
              children: <Typography.Text code copyable style={{ wordBreak: 'break-all' }}>{host.uri}</Typography.Text>,
            },
            { key: 'driver', label: t('hosts.driver'), children: host.driver },
          ]}
        />
      </Space>
    </Card>
  );
}

function HostTable({ hosts }: { hosts: Host[] }) {
  const { t } = useTranslation('ops');
  const units = useUnits();
  const columns: ColumnsType<Host> = [
    {
      title: t('hosts.name'), dataIndex: 'name', fixed: 'left', sorter: (a, b) => (a.name ?? '').localeCompare(b.name ?? ''),
      render: (name: string, host) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{host.driver} · {host.domainType}</Typography.Text>
        </Space>
      ),
    },
    { title: t('hosts.arch'), dataIndex: 'arch', filters: [...new Set(hosts.map(h => h.arch ?? ''))].map(a => ({ text: a, value: a })),
      onFilter: (value, host) => host.arch === value },
    {
      title: t('hosts.state'), key: 'state',
      render: (_, host) => (
        <Space orientation="vertical" size={0}>
          <StateTag host={host} />
          {!isUp(host) && host.stateReason && <Typography.Text type="danger" style={{ fontSize: 12 }}>{host.stateReason}</Typography.Text>}
        </Space>
      ),
    },
    { title: t('hosts.vcpus'), key: 'vcpus', width: 200,
      sorter: (a, b) => hostUsage(a, 'vcpus').percent - hostUsage(b, 'vcpus').percent,
      render: (_, host) => <CapacityBar label={t('hosts.vcpus')} hideLabel value={hostUsage(host, 'vcpus')} unit={units.vcpus} compact /> },
    { title: t('hosts.memory'), key: 'memory', width: 200,
      sorter: (a, b) => hostUsage(a, 'memoryMiB').percent - hostUsage(b, 'memoryMiB').percent,
      render: (_, host) => <CapacityBar label={t('hosts.memory')} hideLabel value={hostUsage(host, 'memoryMiB')} unit={units.memory} compact /> },
    { title: t('hosts.disk'), key: 'disk', width: 200,
      sorter: (a, b) => hostUsage(a, 'diskGiB').percent - hostUsage(b, 'diskGiB').percent,
      render: (_, host) => <CapacityBar label={t('hosts.disk')} hideLabel value={hostUsage(host, 'diskGiB')} unit={units.disk} compact /> },
    { title: t('hosts.gpus'), key: 'gpus', render: (_, host) => <Gpus host={host} /> },
    { title: t('hosts.labels'), key: 'labels', render: (_, host) => <Labels labels={host.labels} /> },
  ];
  if (hosts.some(h => h.vms !== undefined)) {
    columns.splice(3, 0, { title: t('hosts.vms'), dataIndex: 'vms', render: (vms?: number) => vms ?? '—' });
  }
  return <Table<Host> rowKey="name" size="small" columns={columns} dataSource={hosts} pagination={false} scroll={{ x: true }} />;
}
