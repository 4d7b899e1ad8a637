import { useEffect, useRef } from 'react';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Flex, Grid, Row, Skeleton, Space, Tag, Typography } from 'antd';
import { ArrowLeftOutlined, StopOutlined, SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';

import { api } from '../../api/client';
import { ProblemError, unwrap } from '../../api/problems';
import { QueryState } from '../../app/QueryState';
import { formatDateTime, formatMoney } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { ApprovalChain } from './ApprovalChain';
import { BpmnDiagram } from './BpmnDiagram';
import {
  isCancellable, isFinal, outcomeText, pollInterval, resourceKindOf, type ApprovalLevel, type TimelineEntry,
} from './requestModel';
import { LeaseEnd, RequestResources } from './RequestResources';
import { resourcesOfRequest, type VmResource } from './resourceModel';
import { specLines } from './specView';
import { StatusTag, useTypeLabel } from './StatusTag';
import { RequestTimeline } from './Timeline';

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One request: what was asked, where its approval stands, what happened, its process and what it made. */
export default function RequestPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('requests');
  const language = currentLanguage();
  const typeLabel = useTypeLabel();
  const screens = Grid.useBreakpoint();
  const { modal, message } = App.useApp();
  const client = useQueryClient();

  const request = useQuery({
    queryKey: ['request', id],
    refetchInterval: query => pollInterval(query.state.data?.status),
    queryFn: async () => unwrap(await api.GET('/api/requests/{id}', { params: { path: { id } } })),
  });
  const status = request.data?.status;
  const live = !!request.data && !isFinal(status);

  const diagram = useQuery({
    queryKey: ['request', id, 'diagram'],
    enabled: request.isSuccess,
    placeholderData: keepPreviousData,
    refetchInterval: live ? 3_000 : false,
    queryFn: async () => unwrap(await api.GET('/api/requests/{id}/diagram', { params: { path: { id } } })),
  });

  const spec = request.data?.spec as Record<string, unknown> | undefined;
  const kind = resourceKindOf(request.data?.type);
  const madeSomething = !!kind && (status === 'PROVISIONING' || status === 'COMPLETED' || status === 'FAILED');
  const resources = useQuery({
    queryKey: ['request', id, 'resources'],
    enabled: madeSomething,
    refetchInterval: live ? 5_000 : false,
    queryFn: () => resourcesOfRequest(id, kind!, request.data?.tenant, request.data?.project),
  });

  // the request reaching a final status: one last look at its diagram and resources
  const lastStatus = useRef(status);
  useEffect(() => {
    if (lastStatus.current && status && lastStatus.current !== status) {
      void client.invalidateQueries({ queryKey: ['request', id, 'diagram'] });
      void client.invalidateQueries({ queryKey: ['request', id, 'resources'] });
      void client.invalidateQueries({ queryKey: ['requests'] });
    }
    lastStatus.current = status;
  }, [client, id, status]);

  const cancel = useMutation({
    mutationFn: async () => unwrap(await api.POST('/api/requests/{id}/cancel', { params: { path: { id } } })),
    onSuccess: details => {
      client.setQueryData(['request', id], details);
      void client.invalidateQueries({ queryKey: ['requests'] });
      void message.success(t('page.cancelled', { id }));
    },
    onError: error => {
      if (error instanceof ProblemError && error.status === 409) {
        void message.error(t('page.cancelConflict', { message: error.message }));
        void request.refetch();
      } else {
        void message.error(t('page.cancelFailed', { message: errorMessage(error) }));
      }
    },
  });

  const confirmCancel = () => modal.confirm({
    title: t('page.cancelTitle', { id }),
    content: t('page.cancelBody'),
    okText: t('page.cancelOk'),
    okButtonProps: { danger: true, ...{ 'data-testid': 'confirm-cancel' } },
    cancelText: t('page.keep'),
    onOk: () => cancel.mutateAsync().catch(() => undefined),
  });

  return (
    <QueryState isLoading={request.isLoading} error={request.error}>
      {() => {
        const details = request.data!;
        const levels = (details.approvalLevels ?? []) as ApprovalLevel[];
        const timeline = (details.timeline ?? []) as TimelineEntry[];
        const outcome = outcomeText(details.outcome);
        const lines = specLines(spec, details.hidden, (key, options) => t(key, options ?? {}) as string);
        const vms = (resources.data ?? []).filter((r): r is VmResource => r.kind === 'vm');
        const leaseEnd = vms.map(vm => vm.leaseExpiresAt).filter(Boolean).sort()[0];
        return (
          <Flex vertical gap={16} data-testid="request-page" data-request-id={details.id} data-status={details.status}>
            <Link to="/requests"><Button type="link" icon={<ArrowLeftOutlined />} style={{ padding: 0 }}>{t('page.back')}</Button></Link>
            <Flex justify="space-between" align="flex-start" wrap gap={12}>
              <Space orientation="vertical" size={4}>
                <Space wrap align="center">
                  <Typography.Title level={3} style={{ margin: 0 }} copyable={{ text: details.id }}>
                    {t('page.title', { id: details.id })}
                  </Typography.Title>
                  <StatusTag status={details.status} />
                  {live && <Tag icon={<SyncOutlined spin />} color="processing">{t('page.live')}</Tag>}
                </Space>
                <Typography.Text type="secondary">{typeLabel(details.type)}</Typography.Text>
              </Space>
              {isCancellable(details.status) && (
                <Button danger icon={<StopOutlined />} data-testid="cancel-request" loading={cancel.isPending}
                  onClick={confirmCancel}>
                  {t('page.cancel')}
                </Button>
              )}
            </Flex>

            {details.overQuota && <Alert type="warning" showIcon title={t('page.overQuota')} />}

            <Card size="small">
              <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
                <Descriptions.Item label={t('page.tenantProject')}>{details.tenant} / {details.project}</Descriptions.Item>
                <Descriptions.Item label={t('page.requester')}>{details.requester}</Descriptions.Item>
                <Descriptions.Item label={t('page.cost')}>{formatMoney(details.monthlyCost, details.currency, language)}</Descriptions.Item>
                <Descriptions.Item label={t('page.submitted')}>{formatDateTime(details.createdAt, language)}</Descriptions.Item>
                <Descriptions.Item label={t('page.updated')}>{formatDateTime(details.updatedAt, language)}</Descriptions.Item>
                {details.orgUnit && <Descriptions.Item label={t('page.orgUnit')}>{details.orgUnit}</Descriptions.Item>}
                {details.justification && (
                  <Descriptions.Item label={t('page.justification')} span={{ xs: 1, sm: 2, lg: 3 }}>
                    <Typography.Paragraph style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: true }}>
                      {details.justification}
                    </Typography.Paragraph>
                  </Descriptions.Item>
                )}
                {outcome && (
                  <Descriptions.Item label={t('page.outcome')} span={{ xs: 1, sm: 2, lg: 3 }}>
                    {'key' in outcome ? t('page.cancelledBy', { user: outcome.user }) : outcome.text}
                  </Descriptions.Item>
                )}
              </Descriptions>
            </Card>

            <Row gutter={[16, 16]}>
              <Col xs={24} xl={16}>
                <Flex vertical gap={16}>
                  <Card size="small" title={t('page.spec')}>
                    <Descriptions size="small" column={{ xs: 1, sm: 2, xxl: 3 }} data-testid="request-spec">
                      {lines.map(line => (
                        <Descriptions.Item key={line.field}
                          label={line.field in SPEC_LABELS ? t(SPEC_LABELS[line.field]) : line.field}>
                          {line.requestId
                            ? <Link to={`/requests/${encodeURIComponent(line.requestId)}`}>{line.text}</Link>
                            : line.hidden ? <Typography.Text type="secondary" italic>{line.text}</Typography.Text>
                              : line.text}
                        </Descriptions.Item>
                      ))}
                      {leaseEnd && <Descriptions.Item label={t('spec.leaseEnds')}><LeaseEnd at={leaseEnd} /></Descriptions.Item>}
                    </Descriptions>
                  </Card>
                  <Card size="small" title={t('page.approvals')}>
                    <ApprovalChain levels={levels} timeline={timeline} status={details.status} />
                  </Card>
                </Flex>
              </Col>
              <Col xs={24} xl={8}>
                <Flex vertical gap={16}>
                  <Card size="small" title={t('page.timeline')}>
                    <RequestTimeline entries={timeline} live={live} />
                  </Card>
                  {kind && madeSomething && (
                    <Card size="small" title={t('page.resources')} loading={resources.isLoading}>
                      {resources.error
                        ? <Alert type="error" showIcon title={errorMessage(resources.error)} />
                        : <RequestResources resources={resources.data ?? []} kind={kind} />}
                    </Card>
                  )}
                </Flex>
              </Col>
            </Row>

            <Card size="small" title={t('page.diagram')} styles={{ body: { padding: screens.sm ? 12 : 8 } }}>
              {diagram.error
                ? <Alert type="warning" showIcon title={t('diagram.failed', { message: errorMessage(diagram.error) })} />
                : diagram.data ? <BpmnDiagram diagram={diagram.data} /> : <Skeleton active />}
            </Card>
          </Flex>
        );
      }}
    </QueryState>
  );
}

/** Catalogue keys of the spec fields (static, so the i18n test sees each). */
const SPEC_LABELS: Record<string, string> = {
  requestId: 'spec.requestId', node: 'spec.node', name: 'spec.name', cluster: 'spec.cluster', suffix: 'spec.suffix',
  namespace: 'spec.namespace', count: 'spec.count', image: 'spec.image', arch: 'spec.arch', vcpus: 'spec.vcpus',
  memoryMiB: 'spec.memoryMiB', diskGiB: 'spec.diskGiB', gpus: 'spec.gpus', vms: 'spec.vms', k8sNodes: 'spec.k8sNodes',
  days: 'spec.days', leaseDays: 'spec.leaseDays', quota: 'spec.quota', sshKeys: 'spec.sshKeys', userData: 'spec.userData',
};
