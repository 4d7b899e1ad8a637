import { useState } from 'react';
import {
  Alert, App, Button, Card, Collapse, Descriptions, Form, Input, List, Modal, Popconfirm, Segmented, Select, Space, Table, Tag,
  Tooltip, Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { DeleteOutlined, PlayCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';

import { api } from '../../api/client';
import { unwrap } from '../../api/problems';
import type { components } from '../../api/schema';
import { QueryState } from '../../app/QueryState';
import { formatDateTime } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { canDestroy, isOpen, summariseRun } from './findings';
import { oneOf, PAGE_SIZES, pageOf, sizeOf, withParams } from './listParams';

type Finding = components['schemas']['Finding'];
type Run = components['schemas']['Run'];

const SHOW = ['open', 'resolved', 'all'] as const;
const KIND_COLOURS: Record<string, string> = { ORPHAN: 'volcano', LOST: 'red', DRIFT_STATE: 'gold', DRIFT_SIZE: 'blue' };

/** What reconciliation found between the hosts' domains and the VM records; a run on demand; destroying orphans. */
export default function Findings() {
  const { t } = useTranslation('ops');
  const { message } = App.useApp();
  const language = currentLanguage();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const show = oneOf(params.get('show'), SHOW, 'open');
  const host = params.get('host') ?? undefined;
  const page = pageOf(params);
  const size = sizeOf(params);
  const [destroying, setDestroying] = useState<Finding>();
  const [lastRun, setLastRun] = useState<{ run: Run; at: number }>();

  const open = show === 'all' ? undefined : show === 'open';
  const query = useQuery({
    queryKey: ['ops', 'findings', { host, open, page, size }],
    queryFn: async () => unwrap(await api.GET('/api/reconciliation/findings', { params: { query: { host, open, page, size } } })),
    placeholderData: previous => previous,
  });
  const hosts = useQuery({
    queryKey: ['ops', 'hosts'],
    queryFn: async () => unwrap(await api.GET('/api/hosts')),
    staleTime: 60_000,
  });

  const run = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/reconciliation/run')),
    onSuccess: result => {
      setLastRun({ run: result, at: Date.now() });
      queryClient.invalidateQueries({ queryKey: ['ops', 'findings'] });
    },
    onError: error => message.error(t('findings.runFailed', { message: error.message })),
  });

  const columns: ColumnsType<Finding> = [
    {
      title: t('findings.lastSeen'), dataIndex: 'lastSeen', width: 170,
      render: (lastSeen: string, finding) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDateTime(lastSeen, language)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('findings.firstSeen', { time: formatDateTime(finding.firstSeen, language) })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('findings.kind'), dataIndex: 'kind',
      render: (kind: string) => (
        <Tooltip title={t(`findings.kindHelp.${kind}`, { defaultValue: '' })}>
          <Tag color={KIND_COLOURS[kind]} data-testid="finding-kind" data-kind={kind}>{t(`findings.kindValue.${kind}`, { defaultValue: kind })}</Tag>
        </Tooltip>
      ),
    },
    {
      title: t('findings.hostDomain'), key: 'domain',
      render: (_, finding) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{finding.host}</Typography.Text>
          <Typography.Text code>{finding.domain}</Typography.Text>
          {finding.domainUuid && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{finding.domainUuid}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('findings.request'), key: 'request',
      render: (_, finding) => (
        <Space orientation="vertical" size={0}>
          {finding.requestId
            ? <Link to={`/requests/${encodeURIComponent(finding.requestId)}`}>{finding.requestId}</Link>
            : <Typography.Text type="secondary">—</Typography.Text>}
          {finding.vmIndex !== undefined && finding.vmIndex !== null && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('findings.vmIndex', { index: finding.vmIndex })}</Typography.Text>
          )}
          {finding.tenantId && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{finding.tenantId}</Typography.Text>}
        </Space>
      ),
    },
    {
      title: t('findings.detail'), dataIndex: 'detail',
      render: (detail?: string) => <Typography.Paragraph style={{ margin: 0, maxWidth: 420 }} ellipsis={{ rows: 3, expandable: true }}>{detail || '—'}</Typography.Paragraph>,
    },
    {
      title: t('findings.state'), key: 'state',
      render: (_, finding) => isOpen(finding)
        ? <Tag color="red" data-testid="status" data-status="OPEN">{t('findings.open')}</Tag>
        : (
          <Space orientation="vertical" size={0}>
            <Tag color="green" data-testid="status" data-status={finding.resolution ?? 'RESOLVED'}>
              {t(`findings.resolution.${finding.resolution ?? 'GONE'}`)}
            </Tag>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {finding.resolvedBy
                ? t('findings.resolvedBy', { who: finding.resolvedBy, time: formatDateTime(finding.resolvedAt, language) })
                : formatDateTime(finding.resolvedAt, language)}
            </Typography.Text>
          </Space>
        ),
    },
    {
      title: t('findings.actions'), key: 'actions', fixed: 'right', width: 110,
      render: (_, finding) => canDestroy(finding) && (
        <Button danger size="small" icon={<DeleteOutlined />} data-testid="finding-destroy" onClick={() => setDestroying(finding)}>
          {t('findings.destroy')}
        </Button>
      ),
    },
  ];

  const data = query.data;
  return (
    <div data-testid="findings">
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0, flex: 1, minWidth: 200 }}>{t('findings.title')}</Typography.Title>
        <Button icon={<ReloadOutlined />} loading={query.isFetching && !run.isPending} onClick={() => query.refetch()}>
          {t('common:actions.refresh')}
        </Button>
        <Popconfirm title={t('findings.runConfirm')} description={t('findings.runConfirmDetail')} okText={t('findings.runNow')}
          cancelText={t('common:actions.cancel')} onConfirm={() => run.mutateAsync().catch(() => undefined)}>
          <Button type="primary" icon={<PlayCircleOutlined />} loading={run.isPending} data-testid="run-reconciliation">
            {t('findings.runNow')}
          </Button>
        </Popconfirm>
      </div>
      {lastRun && <RunResult run={lastRun.run} at={lastRun.at} onClose={() => setLastRun(undefined)} />}
      <Card size="small">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, marginBottom: 12 }}>
          <Segmented
            value={show}
            onChange={value => setParams(withParams(params, { show: String(value) }, { show: 'open' }))}
            options={SHOW.map(s => ({ value: s, label: t(`findings.show.${s}`) }))}
          />
          <Select
            allowClear
            showSearch
            value={host}
            placeholder={t('findings.allHosts')}
            aria-label={t('findings.host')}
            style={{ minWidth: 200 }}
            loading={hosts.isLoading}
            onChange={(value?: string) => setParams(withParams(params, { host: value }))}
            options={(hosts.data ?? []).map(h => ({ value: h.name ?? '', label: h.name }))}
          />
        </div>
        <QueryState isLoading={query.isLoading} error={query.error}>
          {() => (
            <Table<Finding>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={data?.items ?? []}
              loading={query.isFetching && !query.isLoading}
              scroll={{ x: true }}
              locale={{ emptyText: show === 'open' ? t('findings.noneOpen') : t('common:table.empty') }}
              pagination={{
                current: page + 1,
                pageSize: size,
                total: data?.total ?? 0,
                pageSizeOptions: PAGE_SIZES,
                showSizeChanger: true,
                showTotal: total => t('common:table.total', { total }),
                onChange: (next, nextSize) => setParams(withParams(params, nextSize !== size
                  ? { page: 0, size: nextSize } : { page: next - 1 })),
              }}
            />
          )}
        </QueryState>
      </Card>
      <DestroyDialog finding={destroying} onClose={() => setDestroying(undefined)} />
    </div>
  );
}

function RunResult({ run, at, onClose }: { run: Run; at: number; onClose: () => void }) {
  const { t } = useTranslation('ops');
  const language = currentLanguage();
  const summary = summariseRun(run);
  const kinds = Object.entries(summary.byKind);
  return (
    <Alert
      data-testid="run-result"
      type={summary.skipped.length > 0 ? 'warning' : summary.open > 0 ? 'info' : 'success'}
      showIcon
      closable={{ onClose }}
      style={{ marginBottom: 16 }}
      title={t('findings.runResult', { time: formatDateTime(at, language) })}
      description={(
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}
            items={[
              { key: 'hosts', label: t('findings.runHosts'), children: t('findings.runHostsValue', { reconciled: summary.reconciled, hosts: summary.hosts }) },
              { key: 'open', label: t('findings.runOpen'), children: summary.open },
              { key: 'resolved', label: t('findings.runResolved'), children: summary.resolved },
              {
                key: 'kinds', label: t('findings.runKinds'),
                children: kinds.length === 0 ? '—' : (
                  <Space size={4} wrap>
                    {kinds.map(([kind, count]) => <Tag key={kind} color={KIND_COLOURS[kind]}>{`${t(`findings.kindValue.${kind}`, { defaultValue: kind })} ${count}`}</Tag>)}
                  </Space>
                ),
              },
            ]}
          />
          {summary.skipped.length > 0 && (
            <List size="small" header={<Typography.Text strong>{t('findings.skipped')}</Typography.Text>}
              dataSource={summary.skipped}
              renderItem={h => <List.Item><Typography.Text strong>{h.host}</Typography.Text>{`: ${h.reason ?? '—'}`}</List.Item>} />
          )}
          {(run.findings?.length ?? 0) > 0 && (
            <Collapse size="small" items={[{
              key: 'findings', label: t('findings.runFindings', { count: run.findings?.length ?? 0 }),
              children: (
                <List size="small" dataSource={run.findings ?? []} renderItem={f => (
                  <List.Item>
                    <Space wrap>
                      <Tag color={KIND_COLOURS[f.kind ?? '']}>{t(`findings.kindValue.${f.kind}`, { defaultValue: f.kind })}</Tag>
                      <Typography.Text>{f.host}</Typography.Text>
                      <Typography.Text code>{f.domain}</Typography.Text>
                      {!isOpen(f) && <Tag color="green">{t(`findings.resolution.${f.resolution ?? 'GONE'}`)}</Tag>}
                    </Space>
                  </List.Item>
                )} />
              ),
            }]} />
          )}
        </Space>
      )}
    />
  );
}

/** Destroying an orphan powers off and undefines a domain: the operator types its name to confirm. */
function DestroyDialog({ finding, onClose }: { finding?: Finding; onClose: () => void }) {
  const { t } = useTranslation('ops');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [typed, setTyped] = useState('');
  const close = () => { setTyped(''); onClose(); };
  const destroy = useMutation({
    mutationFn: async (id: number) => unwrap(await api.POST('/api/reconciliation/findings/{id}/resolve', {
      params: { path: { id } }, body: { action: 'destroy' },
    })),
    onSuccess: () => {
      message.success(t('findings.destroyed'));
      queryClient.invalidateQueries({ queryKey: ['ops', 'findings'] });
      close();
    },
    onError: error => message.error(t('findings.destroyFailed', { message: error.message })),
  });
  const matches = !!finding && typed.trim() === finding.domain;
  return (
    <Modal
      open={!!finding}
      title={t('findings.destroyTitle')}
      okText={t('findings.destroy')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ danger: true, disabled: !matches, loading: destroy.isPending, 'data-testid': 'finding-destroy-confirm' }}
      onOk={() => finding?.id !== undefined && destroy.mutate(finding.id)}
      onCancel={close}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {t('findings.destroyExplain', { domain: finding?.domain ?? '', host: finding?.host ?? '' })}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('findings.typeDomain', { domain: finding?.domain ?? '' })}>
          <Input value={typed} onChange={e => setTyped(e.target.value)} autoComplete="off" data-testid="finding-destroy-name" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
