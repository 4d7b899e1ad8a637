import { useState } from 'react';
import {
  Alert, App, Button, Card, Col, Descriptions, Empty, Flex, Form, Input, List, Progress, Result, Row, Skeleton, Space,
  Statistic, Tag, Timeline, Tooltip, Typography,
} from 'antd';
import {
  ArrowLeftOutlined, CheckOutlined, CloseOutlined, ExportOutlined, SendOutlined, UserAddOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams } from 'react-router-dom';

import { fieldErrors, ProblemError } from '../../api/problems';
import { QueryState } from '../../app/QueryState';
import { useMe } from '../../app/me';
import { formatDateTime, formatDuration, formatMoney, formatNumber, mibToGib } from '../../format/format';
import { currentLanguage } from '../../i18n';
import {
  approveTask, claimTask, delegateTask, getContext, getRequest, getTask, hostsFit, rejectTask, releaseTask, TASKS_KEY,
} from './api';
import { deadlineOf, durationMs } from './deadline';
import { fleetFit } from './fit';
import { rowOf, type DecisionContext, type Task } from './model';
import { errorKind, problemDetail } from './problems';
import { costAgainstThreshold, quotaRows, type QuotaRow } from './quota';
import { commentError, COMMENT_MAX, delegateError, USER_MAX } from './rules';
import { fitNeed, specEntries, type SpecEntry } from './spec';
import { useNow } from './useNow';

type Language = ReturnType<typeof currentLanguage>;

/** The decision screen: everything an approver weighs, and approve / reject / delegate. */
export default function Decision() {
  const { t } = useTranslation('inbox');
  const { taskId = '' } = useParams();
  const location = useLocation();
  const backTo = `/inbox${(location.state as { from?: string } | null)?.from ?? ''}`;

  const task = useQuery({ queryKey: [...TASKS_KEY, 'one', taskId], queryFn: () => getTask(taskId), refetchOnWindowFocus: true });
  const context = useQuery({
    queryKey: [...TASKS_KEY, 'context', taskId],
    queryFn: () => getContext(taskId),
    enabled: task.isSuccess,
    retry: false,
  });
  const requestId = context.data?.requestId ?? (task.data ? rowOf(task.data).requestId : undefined);
  const request = useQuery({
    queryKey: ['requests', 'one', requestId],
    queryFn: () => getRequest(requestId ?? ''),
    enabled: !!requestId,
    retry: false,
  });

  if (task.error instanceof ProblemError && task.error.status === 404) {
    return (
      <div data-testid="decision" data-gone="true">
        <Result status="info" title={t('decision.goneTitle')} subTitle={t('decision.goneDetail')}
          extra={<Link to={backTo}><Button type="primary" icon={<ArrowLeftOutlined />}>{t('decision.backToInbox')}</Button></Link>} />
      </div>
    );
  }

  return (
    <div data-testid="decision" data-task-id={taskId}>
      <Link to={backTo}><Button type="link" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>{t('decision.backToInbox')}</Button></Link>
      <QueryState isLoading={task.isLoading} error={task.error}>
        {() => task.data && (
          <DecisionBody task={task.data} context={context.data} contextLoading={context.isLoading}
            contextMissing={context.isError} request={request.data} backTo={backTo} />
        )}
      </QueryState>
    </div>
  );
}

type RequestDetails = Awaited<ReturnType<typeof getRequest>>;

function DecisionBody({ task, context, contextLoading, contextMissing, request, backTo }: {
  task: Task; context?: DecisionContext; contextLoading: boolean; contextMissing: boolean; request?: RequestDetails;
  backTo: string;
}) {
  const { t } = useTranslation('inbox');
  const language = currentLanguage();
  const now = useNow();
  const row = rowOf(task);
  const type = context?.type ?? row.type;
  const deadline = deadlineOf({ ...task, ...(context?.level ?? {}), escalatedTo: context?.level?.escalatedTo ?? task.escalatedTo }, now);
  const spec = context?.spec ?? task.request?.spec ?? request?.spec;

  return (
    <>
      <Flex justify="space-between" align="start" wrap gap={8} style={{ marginBottom: 16 }}>
        <div>
          <Typography.Title level={3} style={{ margin: 0 }}>
            {t('decision.title', { type: type ? t(`common:requestType.${type}`, { defaultValue: type }) : '—' })}
          </Typography.Title>
          <Space wrap size={4} style={{ marginTop: 4 }}>
            <Typography.Text type="secondary">{row.requestId}</Typography.Text>
            {task.level && <Tag>{t('decision.levelTag', { level: task.level })}</Tag>}
            {deadline.overdue && <Tag color="red">{t('deadline.overdue')}</Tag>}
            {deadline.escalated && <Tag color="orange">{t('deadline.escalated')}</Tag>}
            {deadline.dueSoon && <Tag color="gold">{t('deadline.dueSoon')}</Tag>}
            {request?.status && (
              <Tag data-testid="status" data-status={request.status}>{t(`common:status.${request.status}`)}</Tag>
            )}
          </Space>
        </div>
        {row.requestId && (
          <Link to={`/requests/${encodeURIComponent(row.requestId)}`}>
            <Button icon={<ExportOutlined />}>{t('decision.openRequest')}</Button>
          </Link>
        )}
      </Flex>
      {contextMissing && <Alert type="warning" showIcon style={{ marginBottom: 16 }} message={t('decision.contextMissing')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <RequestCard task={task} context={context} request={request} language={language} />
            <Card size="small" title={t('decision.spec')}>
              <SpecList entries={specEntries(spec)} hidden={context?.hidden ?? task.request?.hidden} />
            </Card>
            <Row gutter={[16, 16]}>
              <Col xs={24} md={10}><CostCard task={task} context={context} loading={contextLoading} language={language} /></Col>
              <Col xs={24} md={14}><QuotaCard context={context} loading={contextLoading} language={language} /></Col>
            </Row>
            <FitCard spec={spec} language={language} />
            <EarlierCard context={context} loading={contextLoading} language={language} />
          </Space>
        </Col>
        <Col xs={24} lg={8}>
          <Space orientation="vertical" size={16} style={{ width: '100%' }}>
            <LevelCard task={task} context={context} request={request} language={language} />
            <DecideCard task={task} backTo={backTo} />
          </Space>
        </Col>
      </Row>
    </>
  );
}

function RequestCard({ task, context, request, language }: {
  task: Task; context?: DecisionContext; request?: RequestDetails; language: Language;
}) {
  const { t } = useTranslation('inbox');
  const row = rowOf(task);
  const justification = context?.justification ?? task.request?.justification ?? request?.justification;
  return (
    <Card size="small" title={t('decision.request')}>
      <Descriptions size="small" column={{ xs: 1, sm: 2 }} items={[
        { key: 'requester', label: t('decision.requester'), children: context?.requester?.name ?? row.requester ?? '—' },
        { key: 'orgUnit', label: t('decision.orgUnit'), children: context?.orgUnit?.path ?? task.request?.orgUnit ?? request?.orgUnit ?? '—' },
        { key: 'tenant', label: t('common:fields.tenant'), children: context?.tenant ?? row.tenant ?? '—' },
        { key: 'project', label: t('common:fields.project'), children: context?.project ?? row.project ?? '—' },
        { key: 'submitted', label: t('common:fields.submitted'), children: formatDateTime(request?.createdAt, language) },
        { key: 'id', label: t('common:fields.id'), children: <Typography.Text copyable>{row.requestId ?? '—'}</Typography.Text> },
        {
          key: 'justification', label: t('common:fields.justification'), span: 'filled',
          children: justification
            ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>{justification}</Typography.Paragraph>
            : <Typography.Text type="secondary">{t('decision.noJustification')}</Typography.Text>,
        },
      ]} />
    </Card>
  );
}

function specValue(entry: SpecEntry, t: TFunction<'inbox'>, language: Language) {
  const n = typeof entry.value === 'number' ? entry.value : Number(entry.value);
  switch (entry.unit) {
    case 'vcpus': return t('common:units.vcpus', { count: n });
    case 'gib': return t('common:units.diskGiB', { value: formatNumber(n, language) });
    case 'mibAsGib': return t('common:units.memoryGiB', { value: formatNumber(mibToGib(n), language) });
    case 'days': return t('common:units.days', { count: n });
    case 'count': return formatNumber(n, language);
    case 'request': return <Link to={`/requests/${encodeURIComponent(String(entry.value))}`}>{String(entry.value)}</Link>;
    default: return String(entry.value);
  }
}

const SPEC_LABELS = new Set(['name', 'image', 'arch', 'cluster', 'suffix', 'namespace', 'count', 'vcpus', 'memoryMiB',
  'diskGiB', 'gpus', 'vms', 'k8sNodes', 'leaseDays', 'days', 'node', 'requestId', 'sshKeys']);

function SpecList({ entries, hidden }: { entries: SpecEntry[]; hidden?: string[] }) {
  const { t } = useTranslation('inbox');
  const language = currentLanguage();
  if (entries.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('decision.noSpec')} />;
  }
  const label = (field: string) => {
    const [first, rest] = field.startsWith('quota.') ? ['quota', field.slice(6)] : [undefined, field];
    const base = SPEC_LABELS.has(rest) ? t(`spec.${rest}`) : rest;
    return first ? t('spec.share', { field: base }) : base;
  };
  return (
    <>
      <Descriptions size="small" column={{ xs: 1, sm: 2, md: 3 }}
        items={entries.map(entry => ({ key: entry.field, label: label(entry.field), children: specValue(entry, t, language) }))} />
      {hidden && hidden.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('decision.hidden', { fields: hidden.join(', ') })}</Typography.Text>
      )}
    </>
  );
}

function CostCard({ task, context, loading, language }: { task: Task; context?: DecisionContext; loading: boolean; language: Language }) {
  const { t } = useTranslation('inbox');
  const monthly = context?.cost?.monthly ?? task.request?.monthlyCost;
  const currency = context?.cost?.currency ?? task.request?.currency;
  const threshold = context?.cost?.threshold;
  const against = costAgainstThreshold(monthly, threshold);
  const over = context?.cost?.overThreshold ?? against?.over ?? false;
  return (
    <Card size="small" title={t('decision.cost')} style={{ height: '100%' }} data-testid="decision-cost">
      <Statistic title={t('decision.monthlyCost')} value={formatMoney(monthly, currency, language)}
        styles={over ? { content: { color: '#cf1322' } } : undefined} />
      {loading && <Skeleton active paragraph={{ rows: 1 }} />}
      {against && (
        <div style={{ marginTop: 8 }}>
          <Progress percent={against.percent} status={over ? 'exception' : 'normal'} showInfo={false}
            aria-label={t('decision.threshold')} />
          <Typography.Text type={over ? 'danger' : 'secondary'}>
            {t(over ? 'decision.overThreshold' : 'decision.underThreshold', { threshold: formatMoney(threshold, currency, language) })}
          </Typography.Text>
        </div>
      )}
      {!loading && !against && <Typography.Text type="secondary">{t('decision.noThreshold')}</Typography.Text>}
    </Card>
  );
}

function quotaValue(row: QuotaRow, value: number, t: TFunction<'inbox'>, language: Language) {
  switch (row.resource) {
    case 'vcpus': return t('common:units.vcpus', { count: value });
    case 'memoryMiB': return t('common:units.memoryGiB', { value: formatNumber(value, language) });
    case 'diskGiB': return t('common:units.diskGiB', { value: formatNumber(value, language) });
    default: return formatNumber(value, language);
  }
}

function QuotaCard({ context, loading, language }: { context?: DecisionContext; loading: boolean; language: Language }) {
  const { t } = useTranslation('inbox');
  const rows = quotaRows(context?.quota);
  return (
    <Card size="small" title={t('decision.quota')} style={{ height: '100%' }} data-testid="decision-quota">
      {loading && <Skeleton active />}
      {!loading && rows.length === 0 && <Typography.Text type="secondary">{t('decision.noQuota')}</Typography.Text>}
      {rows.map(row => (
        <div key={row.resource} style={{ marginBottom: 8 }} data-resource={row.resource} data-exceeded={row.exceeded}>
          <Flex justify="space-between" wrap gap={4}>
            <Typography.Text strong>{t(`quota.${row.resource}`)}</Typography.Text>
            <Typography.Text type={row.exceeded ? 'danger' : 'secondary'} style={{ fontSize: 12 }}>
              {t('decision.quotaLine', {
                before: quotaValue(row, row.before, t, language),
                after: quotaValue(row, row.after, t, language),
                limit: quotaValue(row, row.limit, t, language),
              })}
            </Typography.Text>
          </Flex>
          <Tooltip title={t('decision.quotaTooltip', { before: row.percentBefore, after: row.percentAfter })}>
            <Progress percent={row.percentAfter} success={{ percent: row.percentBefore }} size="small"
              status={row.exceeded ? 'exception' : 'normal'} showInfo={false}
              aria-label={t(`quota.${row.resource}`)} />
          </Tooltip>
        </div>
      ))}
      {rows.length > 0 && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('decision.quotaLegend')}</Typography.Text>
      )}
    </Card>
  );
}

function FitCard({ spec, language }: { spec: unknown; language: Language }) {
  const { t } = useTranslation('inbox');
  const need = fitNeed(spec);
  const fit = useQuery({
    queryKey: ['hosts', 'fit', need],
    queryFn: () => hostsFit(need!),
    enabled: !!need,
    retry: false,
    refetchInterval: 30_000,
  });
  if (!need) {
    return null;
  }
  const answer = fit.data === undefined ? undefined : fleetFit(fit.data, need);
  return (
    <Card size="small" title={t('fit.title', { arch: need.arch })} data-testid="decision-fit"
      data-fits={answer ? String(answer.fits) : undefined}>
      {fit.isLoading && <Skeleton active paragraph={{ rows: 2 }} />}
      {fit.isError && (
        <Typography.Text type="secondary">
          {fit.error instanceof ProblemError && fit.error.status === 403 ? t('fit.forbidden') : t('fit.unavailable')}
        </Typography.Text>
      )}
      {answer && (
        <>
          <Alert type={answer.fits ? 'success' : 'warning'} showIcon style={{ marginBottom: 8 }}
            message={answer.fits ? t('fit.fits') : t('fit.noRoom')}
            description={need.count > 1 ? t('fit.placeable', { placeable: answer.placeable, count: need.count }) : undefined} />
          {need.gpus > 0 && <Typography.Paragraph>{t('fit.freeGpus', { free: answer.freeGpus, need: need.gpus * need.count })}</Typography.Paragraph>}
          <List size="small" dataSource={answer.hosts} locale={{ emptyText: t('fit.noHosts') }}
            renderItem={host => (
              <List.Item data-host={host.name} data-fits={String(host.fits)} extra={host.fits
                ? <Tag color="green">{t('fit.hasRoom')}</Tag>
                : (
                  <Space size={2} wrap>
                    {(host.shortages.length > 0 ? host.shortages : ['none']).map(shortage => (
                      <Tag key={shortage} color={shortage === 'host_down' ? 'red' : undefined}>
                        {t(`fit.shortage.${shortage}`, { defaultValue: shortage })}
                      </Tag>
                    ))}
                  </Space>
                )}>
                <Space orientation="vertical" size={0}>
                  <Typography.Text strong>{host.name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('fit.free', {
                      vcpus: formatNumber(host.free.vcpus, language),
                      memory: formatNumber(mibToGib(host.free.memoryMiB), language),
                      disk: formatNumber(host.free.diskGiB, language),
                      gpus: host.freeGpus,
                    })}
                  </Typography.Text>
                </Space>
              </List.Item>
            )} />
        </>
      )}
    </Card>
  );
}

function EarlierCard({ context, loading, language }: { context?: DecisionContext; loading: boolean; language: Language }) {
  const { t } = useTranslation('inbox');
  return (
    <Card size="small" title={t('decision.earlier')} data-testid="decision-earlier">
      {loading ? <Skeleton active paragraph={{ rows: 2 }} /> : (
        <List size="small" dataSource={context?.earlierRequests ?? []} locale={{ emptyText: t('decision.noEarlier') }}
          renderItem={item => (
            <List.Item extra={item.status && (
              <Tag data-testid="status" data-status={item.status}>{t(`common:status.${item.status}`, { defaultValue: item.status })}</Tag>
            )}>
              <Space orientation="vertical" size={0}>
                <Link to={`/requests/${encodeURIComponent(item.id ?? '')}`}>
                  {item.type ? t(`common:requestType.${item.type}`, { defaultValue: item.type }) : item.id}
                </Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {item.id} · {item.requester ?? '—'} · {formatDateTime(item.submitted, language)}
                </Typography.Text>
              </Space>
            </List.Item>
          )} />
      )}
    </Card>
  );
}

function LevelCard({ task, context, request, language }: {
  task: Task; context?: DecisionContext; request?: RequestDetails; language: Language;
}) {
  const { t } = useTranslation('inbox');
  const level = context?.level;
  const sla = durationMs(level?.sla);
  const escalatedTo = level?.escalatedTo ?? task.escalatedTo;
  const chain = request?.approvalLevels ?? [];
  return (
    <Card size="small" title={t('decision.levelTitle')}>
      <Descriptions size="small" column={1} items={[
        { key: 'level', label: t('columns.level'), children: level?.level ?? task.level ?? '—' },
        { key: 'sla', label: t('decision.sla'), children: sla === null ? '—' : formatDuration(sla) },
        { key: 'created', label: t('decision.waitingSince'), children: formatDateTime(level?.created ?? task.created, language) },
        { key: 'due', label: t('columns.due'), children: formatDateTime(level?.due ?? task.due, language) },
        { key: 'escalation', label: t('decision.escalation'), children: escalatedTo ? <Tag color="orange">{escalatedTo}</Tag> : t('decision.notEscalated') },
        { key: 'groups', label: t('decision.candidates'), children: (task.candidateGroups ?? []).join(', ') || '—' },
      ]} />
      {chain.length > 0 && (
        <>
          <Typography.Text strong>{t('decision.chain')}</Typography.Text>
          <Timeline style={{ marginTop: 8 }} items={chain.map(item => ({
            key: item.level,
            color: item.state === 'approved' || item.state === 'APPROVED' ? 'green'
              : item.state === 'rejected' || item.state === 'REJECTED' ? 'red'
                : item.level === task.level ? 'blue' : 'gray',
            children: (
              <Space orientation="vertical" size={0}>
                <Typography.Text strong={item.level === task.level}>{item.level}</Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[item.state ? t(`requests:approval.state.${item.state.toUpperCase()}`, { defaultValue: item.state }) : undefined,
                    item.decidedBy, item.decidedAt ? formatDateTime(item.decidedAt, language) : undefined]
                    .filter(Boolean).join(' · ')}
                </Typography.Text>
                {item.comment && <Typography.Text italic style={{ fontSize: 12 }}>{item.comment}</Typography.Text>}
              </Space>
            ),
          }))} />
        </>
      )}
    </Card>
  );
}

function DecideCard({ task, backTo }: { task: Task; backTo: string }) {
  const { t } = useTranslation('inbox');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { data: me } = useMe();
  const [form] = Form.useForm<{ comment?: string }>();
  const [delegateForm] = Form.useForm<{ user?: string }>();
  const [problem, setProblem] = useState<unknown>(undefined);
  const id = task.id ?? '';
  const mine = !!me && !!task.assignee && (task.assignee === me.username || task.assignee === me.sub);
  const heldByOther = !!task.assignee && !mine;

  const refresh = () => client.invalidateQueries({ queryKey: TASKS_KEY });

  const claim = useMutation({
    mutationFn: () => claimTask(id),
    onSuccess: () => { setProblem(undefined); message.success(t('messages.claimed')); void refresh(); },
    onError: error => { setProblem(error); void refresh(); },
  });
  const release = useMutation({
    mutationFn: () => releaseTask(id),
    onSuccess: () => { setProblem(undefined); message.success(t('messages.released')); void refresh(); },
    onError: error => { setProblem(error); void refresh(); },
  });
  const decide = useMutation({
    mutationFn: ({ action, comment }: { action: 'approve' | 'reject'; comment?: string }) =>
      action === 'approve' ? approveTask(id, comment) : rejectTask(id, comment ?? ''),
    onSuccess: (_, { action }) => {
      message.success(t(action === 'approve' ? 'messages.approved' : 'messages.rejected', { request: rowOf(task).requestId }));
      navigate(backTo);
      client.removeQueries({ queryKey: [...TASKS_KEY, 'one', id] });
      void refresh();
    },
    onError: error => {
      if (error instanceof ProblemError && error.status === 400) {
        form.setFields(fieldErrors(error.problem).filter(f => f.name[0] === 'comment')
          .map(f => ({ name: 'comment' as const, errors: f.errors })));
      }
      setProblem(error);
      void refresh();
    },
  });
  const delegate = useMutation({
    mutationFn: (user: string) => delegateTask(id, user),
    onSuccess: (_, user) => {
      message.success(t('messages.delegated', { user }));
      navigate(backTo);
      void refresh();
    },
    onError: error => {
      // every refusal of a delegation is about the person named: show it on the field
      const field = error instanceof ProblemError ? fieldErrors(error.problem).find(f => f.name[0] === 'user') : undefined;
      const text = field?.errors.join(' ') ?? `${t(errorKind(error))} ${problemDetail(error) ?? ''}`.trim();
      delegateForm.setFields([{ name: 'user', errors: [text] }]);
    },
  });

  const submit = (action: 'approve' | 'reject') => {
    const comment = form.getFieldValue('comment') as string | undefined;
    const error = commentError(action, comment);
    if (error) {
      form.setFields([{ name: 'comment', errors: [t(error)] }]);
      return;
    }
    form.setFields([{ name: 'comment', errors: [] }]);
    setProblem(undefined);
    decide.mutate({ action, comment });
  };

  const submitDelegate = () => {
    const user = delegateForm.getFieldValue('user') as string | undefined;
    const error = delegateError(user, me);
    if (error) {
      delegateForm.setFields([{ name: 'user', errors: [t(error)] }]);
      return;
    }
    delegate.mutate((user ?? '').trim());
  };

  const busy = decide.isPending || delegate.isPending || claim.isPending || release.isPending;
  const gone = problem instanceof ProblemError && (problem.status === 404 || problem.status === 409);

  return (
    <Card size="small" title={t('decision.decide')}>
      <Space orientation="vertical" size={12} style={{ width: '100%' }}>
        {!task.assignee && (
          <Flex justify="space-between" align="center" gap={8} wrap>
            <Typography.Text type="secondary">{t('decision.unclaimedHint')}</Typography.Text>
            <Button data-testid="claim" icon={<UserAddOutlined />} loading={claim.isPending} disabled={busy}
              onClick={() => claim.mutate()}>{t('actions.claim')}</Button>
          </Flex>
        )}
        {mine && (
          <Alert type="info" showIcon message={t('decision.heldByMe')}
            action={<Button size="small" data-testid="release" loading={release.isPending} disabled={busy}
              onClick={() => release.mutate()}>{t('actions.release')}</Button>} />
        )}
        {heldByOther && <Alert type="warning" showIcon message={t('decision.heldByOther', { user: task.assignee })} />}
        {task.delegatedBy && <Typography.Text type="secondary">{t('list.delegatedBy', { user: task.delegatedBy })}</Typography.Text>}

        {problem !== undefined && (
          <Alert type="error" showIcon data-testid="decision-problem"
            message={t(errorKind(problem))}
            description={(
              <Space orientation="vertical" size={4}>
                {problemDetail(problem) && <span>{problemDetail(problem)}</span>}
                {gone && <Link to={backTo}>{t('decision.backToInbox')}</Link>}
              </Space>
            )} />
        )}

        <Form form={form} layout="vertical">
          <Form.Item name="comment" label={t('decision.comment')} extra={t('decision.commentHint')}
            rules={[{ max: COMMENT_MAX, message: t('rules.commentTooLong') }]}>
            <Input.TextArea rows={4} maxLength={COMMENT_MAX} showCount data-testid="decision-comment"
              onChange={() => form.setFields([{ name: 'comment', errors: [] }])} />
          </Form.Item>
          <Flex gap={8} wrap>
            <Button type="primary" data-testid="approve" icon={<CheckOutlined />} disabled={busy && !decide.isPending}
              loading={decide.isPending && decide.variables?.action === 'approve'} onClick={() => submit('approve')}>
              {t('actions.approve')}
            </Button>
            <Button danger data-testid="reject" icon={<CloseOutlined />} disabled={busy && !decide.isPending}
              loading={decide.isPending && decide.variables?.action === 'reject'} onClick={() => submit('reject')}>
              {t('actions.reject')}
            </Button>
          </Flex>
        </Form>

        <Form form={delegateForm} layout="vertical">
          <Form.Item name="user" label={t('decision.delegateTo')} extra={t('decision.delegateHint')}>
            <Input maxLength={USER_MAX} autoComplete="off" data-testid="delegate-user" onPressEnter={submitDelegate}
              onChange={() => delegateForm.setFields([{ name: 'user', errors: [] }])} />
          </Form.Item>
          <Button data-testid="delegate" onClick={submitDelegate} icon={<SendOutlined />} loading={delegate.isPending}
            disabled={busy && !delegate.isPending}>{t('actions.delegate')}</Button>
        </Form>
      </Space>
    </Card>
  );
}
