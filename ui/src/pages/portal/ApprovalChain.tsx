import { Empty, Flex, Grid, Steps, Tag, Typography } from 'antd';
import { ClockCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

import { formatDateTime } from '../../format/format';
import { currentLanguage } from '../../i18n';
import {
  currentLevel, escalatedLevels, isOverdue, LEVEL_STATES, levelStepStatus, type ApprovalLevel, type TimelineEntry,
} from './requestModel';

/** The request's approval levels in the order the chain walks them: who decides, who decided, when, and the SLA. */
export function ApprovalChain({ levels, timeline, status }: {
  levels: ApprovalLevel[]; timeline: TimelineEntry[]; status: string | undefined;
}) {
  const { t } = useTranslation('requests');
  const language = currentLanguage();
  const screens = Grid.useBreakpoint();
  const escalated = escalatedLevels(timeline);
  if (levels.length === 0) {
    const early = status === 'SUBMITTED';
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={early ? t('approval.notYet') : t('approval.none')} />;
  }
  const current = currentLevel(levels);
  return (
    <Steps
      data-testid="approval-chain"
      orientation={(screens.xxl && levels.length <= 4) || (screens.xl && levels.length <= 2) ? 'horizontal' : 'vertical'}
      size="small"
      current={current >= 0 ? current : levels.length}
      items={levels.map((level, index) => {
        const state = (LEVEL_STATES as readonly string[]).includes(level.state ?? '') ? level.state : undefined;
        const overdue = isOverdue(level);
        return {
          status: levelStepStatus(level.state),
          title: (
            <span data-testid="approval-level" data-level={level.level} data-state={level.state}
              data-current={index === current ? 'true' : undefined}>
              {level.level}
            </span>
          ),
          subTitle: state ? t(`approval.state.${state}`) : level.state,
          content: (
            <Flex vertical gap={2} style={{ fontSize: 13 }}>
              {level.candidateGroup && (
                <Typography.Text type="secondary">
                  {t('approval.group')}: <Typography.Text code>{level.candidateGroup}</Typography.Text>
                </Typography.Text>
              )}
              {level.assignee && !level.decidedBy && (
                <Typography.Text type="secondary">{t('approval.assignee')}: {level.assignee}</Typography.Text>
              )}
              {level.decidedBy && (
                <Typography.Text>{t('approval.decidedBy')}: {level.decidedBy}</Typography.Text>
              )}
              {level.decidedAt && (
                <Typography.Text type="secondary">
                  {t('approval.decidedAt')}: {formatDateTime(level.decidedAt, language)}
                </Typography.Text>
              )}
              {level.comment && (
                <Typography.Paragraph italic style={{ margin: 0 }} ellipsis={{ rows: 3, expandable: true }}>
                  “{level.comment}”
                </Typography.Paragraph>
              )}
              {level.due && level.state === 'PENDING' && (
                <Typography.Text type={overdue ? 'danger' : 'secondary'}>
                  <ClockCircleOutlined /> {t('approval.due')}: {formatDateTime(level.due, language)}
                </Typography.Text>
              )}
              <span>
                {(level.escalated || escalated.has(level.level ?? '')) && (
                  <Tag color="orange" icon={<WarningOutlined />} data-testid="escalated">{t('approval.escalated')}</Tag>
                )}
                {overdue && <Tag color="red">{t('approval.overdue')}</Tag>}
              </span>
            </Flex>
          ),
        };
      })}
    />
  );
}
