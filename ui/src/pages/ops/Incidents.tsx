import { useState } from 'react';
import {
  Alert, App, Button, Card, Form, Input, Modal, Popconfirm, Segmented, Space, Table, Tag, Tooltip, Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckOutlined, ExportOutlined, ReloadOutlined, RedoOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router-dom';

import { api } from '../../api/client';
import { fieldErrors, ProblemError, unwrap } from '../../api/problems';
import type { components } from '../../api/schema';
import { useTenant } from '../../app/me';
import { QueryState } from '../../app/QueryState';
import { formatDateTime } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { cockpitUrl, firstLine, oneOf, PAGE_SIZES, pageOf, sizeOf, withParams } from './listParams';
import { COMMENT_MAX, FAILED_JOB, resolveIncident, retryIncident, type IncidentAction } from './opsApi';

/** An incident as GET /api/incidents answers; `processInstanceId` only if the API carries it. */
type Incident = components['schemas']['IncidentView'] & { processInstanceId?: string };

const STATES = ['open', 'closed', 'all'] as const;

/** Incidents of request processes: the failed step and its cause, retry or resolve with a comment, Cockpit. */
export default function Incidents() {
  const { t } = useTranslation('ops');
  const language = currentLanguage();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const { tenant } = useTenant();
  const [params, setParams] = useSearchParams();
  const state = oneOf(params.get('state'), STATES, 'open');
  const page = pageOf(params);
  const size = sizeOf(params);
  const [resolving, setResolving] = useState<Incident>();

  const query = useQuery({
    queryKey: ['ops', 'incidents', { tenant, state, page, size }],
    queryFn: async () => unwrap(await api.GET('/api/incidents', { params: { query: { tenant, state, page, size } } })),
    placeholderData: previous => previous,
  });

  const retry = useMutation({
    mutationFn: (incident: Incident) => retryIncident(incident.id ?? ''),
    onSuccess: () => {
      message.success(t('incidents.retried'));
      queryClient.invalidateQueries({ queryKey: ['ops', 'incidents'] });
    },
    onError: error => message.error(t('incidents.actionFailed', { message: error.message })),
  });

  const columns: ColumnsType<Incident> = [
    {
      title: t('incidents.created'), dataIndex: 'created', width: 170,
      render: (created: string, incident) => (
        <Space orientation="vertical" size={0}>
          <span>{formatDateTime(created, language)}</span>
          {incident.closed && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('incidents.closedAt', { time: formatDateTime(incident.closed, language) })}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: t('incidents.state'), dataIndex: 'state', width: 90,
      render: (value: string) => (
        <Tag color={value === 'open' ? 'red' : 'default'} data-testid="status" data-status={value}>
          {value === 'open' ? t('incidents.stateValue.open') : t('incidents.stateValue.closed')}
        </Tag>
      ),
    },
    {
      title: t('incidents.request'), key: 'request',
      render: (_, incident) => (
        <Space orientation="vertical" size={0}>
          {incident.requestId
            ? <Link to={`/requests/${encodeURIComponent(incident.requestId)}`}>{incident.requestId}</Link>
            : <Typography.Text type="secondary">—</Typography.Text>}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{incident.tenant}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('incidents.step'), key: 'step',
      render: (_, incident) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text code>{incident.activity}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>{incident.process}</Typography.Text>
        </Space>
      ),
    },
    {
      title: t('incidents.cause'), key: 'cause',
      render: (_, incident) => {
        const { head, more } = firstLine(incident.message);
        return (
          <Space orientation="vertical" size={0} style={{ maxWidth: 480 }}>
            <Typography.Text>{head || '—'}</Typography.Text>
            <Space size={4} wrap>
              {incident.type && <Tag>{incident.type}</Tag>}
              {more && <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('incidents.expandHint')}</Typography.Text>}
            </Space>
          </Space>
        );
      },
    },
    {
      title: t('incidents.actions'), key: 'actions', fixed: 'right', width: 150,
      render: (_, incident) => {
        const cockpit = cockpitUrl(incident.processInstanceId);
        return (
          <Space wrap size={4}>
            {incident.state === 'open' && incident.type === FAILED_JOB && (
              <Popconfirm title={t('incidents.retryConfirm')} description={t('incidents.retryConfirmDetail')}
                okText={t('incidents.retry')} cancelText={t('common:actions.cancel')} onConfirm={() => retry.mutateAsync(incident).catch(() => undefined)}>
                <Tooltip title={t('incidents.retry')}>
                  <Button size="small" icon={<RedoOutlined />} aria-label={t('incidents.retry')} data-testid="incident-retry"
                    loading={retry.isPending && retry.variables?.id === incident.id} />
                </Tooltip>
              </Popconfirm>
            )}
            <Tooltip title={incident.state === 'open' ? t('incidents.resolve') : t('incidents.acknowledge')}>
              <Button size="small" icon={<CheckOutlined />} data-testid="incident-resolve" onClick={() => setResolving(incident)}
                aria-label={incident.state === 'open' ? t('incidents.resolve') : t('incidents.acknowledge')} />
            </Tooltip>
            {cockpit && (
              <Tooltip title={t('incidents.openInCockpit')}>
                <Button size="small" icon={<ExportOutlined />} href={cockpit} target="_blank" rel="noopener noreferrer"
                  aria-label={t('incidents.openInCockpit')} />
              </Tooltip>
            )}
          </Space>
        );
      },
    },
  ];

  const data = query.data;
  return (
    <div data-testid="incidents">
      <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, marginBottom: 16 }}>
        <Typography.Title level={3} style={{ margin: 0, flex: 1, minWidth: 160 }}>{t('incidents.title')}</Typography.Title>
        <Segmented
          value={state}
          onChange={value => setParams(withParams(params, { state: String(value) }, { state: 'open' }))}
          options={STATES.map(s => ({ value: s, label: t(`incidents.filter.${s}`) }))}
        />
        <Button icon={<ReloadOutlined />} loading={query.isFetching} onClick={() => query.refetch()}>
          {t('common:actions.refresh')}
        </Button>
      </div>
      <Card size="small">
        <QueryState isLoading={query.isLoading} error={query.error}>
          {() => (
            <Table<Incident>
              rowKey="id"
              size="small"
              columns={columns}
              dataSource={data?.items ?? []}
              loading={query.isFetching && !query.isLoading}
              scroll={{ x: true }}
              locale={{ emptyText: state === 'open' ? t('incidents.noneOpen') : t('common:table.empty') }}
              expandable={{
                expandedRowRender: incident => <Cause incident={incident} />,
                rowExpandable: incident => !!incident.message,
              }}
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
      <ResolveDialog incident={resolving} onClose={() => setResolving(undefined)} />
    </div>
  );
}

function Cause({ incident }: { incident: Incident }) {
  const { t } = useTranslation('ops');
  return (
    <div>
      <Typography.Text type="secondary">{t('incidents.fullCause')}</Typography.Text>
      <Typography.Paragraph copyable={{ text: incident.message ?? '' }} style={{ marginBottom: 0 }}>
        <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: 360, overflow: 'auto', margin: '4px 0 0' }}>
          {incident.message}
        </pre>
      </Typography.Paragraph>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('incidents.incidentId', { id: incident.id })}</Typography.Text>
    </div>
  );
}

function ResolveDialog({ incident, onClose }: { incident?: Incident; onClose: () => void }) {
  const { t } = useTranslation('ops');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ comment: string }>();
  const closed = incident?.state === 'closed';
  const resolve = useMutation({
    mutationFn: ({ comment }: { comment: string }) => resolveIncident(incident?.id ?? '', comment.trim()),
    onSuccess: (result?: IncidentAction) => {
      message.success(result?.action === 'resolved' ? t('incidents.resolved')
        : result?.state === 'open' ? t('incidents.commentKept') : t('incidents.acknowledged'));
      queryClient.invalidateQueries({ queryKey: ['ops', 'incidents'] });
      form.resetFields();
      onClose();
    },
    onError: error => {
      const errors = error instanceof ProblemError ? fieldErrors(error.problem).flatMap(field => field.errors) : [];
      if (errors.length > 0) {
        form.setFields([{ name: 'comment', errors }]);
      } else {
        message.error(t('incidents.actionFailed', { message: error.message }));
      }
    },
  });
  return (
    <Modal
      open={!!incident}
      title={closed ? t('incidents.acknowledgeTitle') : t('incidents.resolveTitle')}
      okText={closed ? t('incidents.acknowledge') : t('incidents.resolve')}
      cancelText={t('common:actions.cancel')}
      okButtonProps={{ loading: resolve.isPending, 'data-testid': 'incident-resolve-confirm' }}
      onOk={() => form.submit()}
      onCancel={() => { form.resetFields(); onClose(); }}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {closed ? t('incidents.acknowledgeExplain', { activity: incident?.activity ?? '', request: incident?.requestId ?? '—' })
          : t('incidents.resolveExplain', { activity: incident?.activity ?? '', request: incident?.requestId ?? '—' })}
      </Typography.Paragraph>
      {!closed && incident?.type === FAILED_JOB && (
        <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('incidents.failedJobResolve')} />
      )}
      <Form form={form} layout="vertical" onFinish={values => resolve.mutate(values)}>
        <Form.Item name="comment" label={t('incidents.comment')}
          rules={[
            { required: true, whitespace: true, message: t('incidents.commentRequired') },
            { max: COMMENT_MAX, message: t('incidents.commentTooLong', { max: COMMENT_MAX }) },
          ]}>
          <Input.TextArea rows={4} showCount maxLength={COMMENT_MAX} data-testid="incident-comment" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
