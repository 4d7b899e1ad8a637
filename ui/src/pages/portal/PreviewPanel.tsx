import { CheckCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Card, Divider, Space, Spin, Statistic, Steps, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

import type { Problem } from '../../api/problems';
import { formatMoney, formatNumber } from '../../format/format';
import { currentLanguage } from '../../i18n';
import type { RequestPreview } from './portalApi';
import { QUOTA_KEYS, remaining, type Quota } from './rules';

/** Where the preview stands: the form is incomplete, a preview is on its way, it answered, or it refused. */
export type PreviewState =
  | { status: 'incomplete' }
  | { status: 'loading'; last?: RequestPreview }
  | { status: 'ready'; preview: RequestPreview }
  | { status: 'refused'; problem: Problem };

interface Props {
  state: PreviewState;
  /** The project's quota and usage now (GET /api/tenants/{id}/projects), shown before the preview answers. */
  project?: { quota?: Quota; used?: Quota };
}

/**
 * The live preview beside the request form: the project's quota left before and after, the estimated monthly cost and
 * the approval levels the request will go through (or "pre-approved"), from POST /api/requests/preview.
 */
export function PreviewPanel({ state, project }: Props) {
  const { t } = useTranslation('portal');
  const language = currentLanguage();
  const preview = state.status === 'ready' ? state.preview : state.status === 'loading' ? state.last : undefined;
  const levels = state.status === 'ready' ? (state.preview.approvalLevels ?? []).length : undefined;
  const quota = preview?.quota;
  const approvalLevels = preview?.approvalLevels ?? [];

  const before = quota ? remaining(quota.limits, quota.used)
    : project ? remaining(project.quota, project.used) : undefined;
  const after = quota?.remainingAfter;

  const show = (key: (typeof QUOTA_KEYS)[number], value: number | undefined) =>
    value === undefined ? '—' : key === 'memoryMiB' ? formatNumber(value / 1024, language, 1) : formatNumber(value, language);

  const rows = QUOTA_KEYS.map(key => ({
    key,
    before: before?.[key],
    requested: quota?.requested?.[key],
    after: after?.[key],
  }));

  return (
    <Card
      title={t('preview.title')}
      data-testid="request-preview"
      data-state={state.status}
      {...(levels !== undefined ? { 'data-approval-levels': String(levels) } : {})}
      extra={state.status === 'loading' ? <Spin size="small" aria-label={t('preview.loading')} /> : undefined}
      aria-live="polite"
      aria-busy={state.status === 'loading'}
    >
      {state.status === 'incomplete' && <Typography.Paragraph type="secondary">{t('preview.incomplete')}</Typography.Paragraph>}
      {state.status === 'refused' && (
        <Alert
          type="error"
          showIcon
          title={t('preview.problem')}
          description={(
            <ul style={{ margin: 0, paddingInlineStart: 18 }}>
              {(state.problem.errors?.length ? state.problem.errors.map(e => `${e.field}: ${e.message}`)
                : [state.problem.detail ?? state.problem.title ?? '']).map(text => <li key={text}>{text}</li>)}
            </ul>
          )}
        />
      )}

      {preview && (
        <div style={{ opacity: state.status === 'loading' ? 0.6 : 1 }}>
          <Statistic
            title={t('preview.cost')}
            value={formatMoney(preview.estimatedMonthlyCost?.amount, preview.estimatedMonthlyCost?.currency, language)}
            suffix={<Typography.Text type="secondary" style={{ fontSize: 14 }}>{t('preview.perMonth')}</Typography.Text>}
          />
          <Divider />
          <Typography.Title level={5}>{t('preview.approvals')}</Typography.Title>
          {preview.preApproved ? (
            <Space orientation="vertical" size={4}>
              <Tag icon={<CheckCircleOutlined />} color="success">{t('preview.preApproved')}</Tag>
              <Typography.Text type="secondary">{t('preview.preApprovedHelp')}</Typography.Text>
            </Space>
          ) : (
            <>
              <Typography.Paragraph type="secondary">
                {t('preview.levels', { count: approvalLevels.length })}
              </Typography.Paragraph>
              <Steps
                orientation="vertical"
                size="small"
                current={-1}
                items={approvalLevels.map(level => ({
                  title: level.level,
                  content: (
                    <Space orientation="vertical" size={0}>
                      {level.candidateGroup && <Typography.Text type="secondary">{t('preview.levelBy', { group: level.candidateGroup })}</Typography.Text>}
                      {!!level.slaHours && <Typography.Text type="secondary">{t('preview.sla', { hours: level.slaHours })}</Typography.Text>}
                    </Space>
                  ),
                }))}
              />
            </>
          )}
          <Divider />
        </div>
      )}

      {before && (
        <>
          <Typography.Title level={5}>{t('preview.quota')}</Typography.Title>
          {quota && (quota.fits
            ? <Tag icon={<CheckCircleOutlined />} color="success" style={{ marginBottom: 8 }}>{t('preview.fits')}</Tag>
            : (
              <Alert
                type="warning"
                showIcon
                icon={<WarningOutlined />}
                style={{ marginBottom: 8 }}
                title={t('preview.overQuota')}
                description={t('preview.exceeded', { what: (quota.exceeded ?? []).join(', ') })}
              />
            ))}
          <Table
            size="small"
            pagination={false}
            rowKey="key"
            dataSource={rows}
            scroll={{ x: true }}
            columns={[
              { title: t('preview.amount'), dataIndex: 'key', render: (key: (typeof QUOTA_KEYS)[number]) => t(`preview.quotaKeys.${key}`) },
              { title: t('preview.leftNow'), dataIndex: 'before', align: 'right', render: (v: number | undefined, row) => show(row.key, v) },
              { title: t('preview.thisRequest'), dataIndex: 'requested', align: 'right', render: (v: number | undefined, row) => show(row.key, v) },
              {
                title: t('preview.leftAfter'),
                dataIndex: 'after',
                align: 'right',
                render: (v: number | undefined, row) => (
                  <Typography.Text type={v !== undefined && v < 0 ? 'danger' : undefined} strong={v !== undefined && v < 0}>
                    {show(row.key, v)}
                  </Typography.Text>
                ),
              },
            ]}
          />
        </>
      )}
    </Card>
  );
}
