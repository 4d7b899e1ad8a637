import { Empty, Timeline, Typography } from 'antd';
import {
  CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, RocketOutlined, StopOutlined, WarningOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

import { formatDateTime } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { entryDetail, TIMELINE_ACTIONS, type TimelineEntry } from './requestModel';

function look(action: string | undefined): { color: string; icon?: React.ReactNode } {
  switch (action) {
    case 'approved':
    case 'request-approved':
      return { color: 'green', icon: <CheckCircleOutlined /> };
    case 'completed':
      return { color: 'green', icon: <CheckCircleOutlined /> };
    case 'rejected':
    case 'failed':
      return { color: 'red', icon: <CloseCircleOutlined /> };
    case 'cancelled':
      return { color: 'gray', icon: <StopOutlined /> };
    case 'escalated':
      return { color: 'orange', icon: <WarningOutlined /> };
    case 'provisioning-started':
      return { color: 'blue', icon: <RocketOutlined /> };
    case 'approval-requested':
      return { color: 'blue', icon: <ClockCircleOutlined /> };
    default:
      return { color: 'blue' };
  }
}

/** Who did what, when: the request's milestones and its approval steps, oldest first. */
export function RequestTimeline({ entries, live }: { entries: TimelineEntry[]; live: boolean }) {
  const { t } = useTranslation('requests');
  const language = currentLanguage();
  if (entries.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('timeline.empty')} />;
  }
  return (
    <Timeline
      data-testid="timeline"
      items={[...entries.map((entry, index) => {
        const known = (TIMELINE_ACTIONS as readonly string[]).includes(entry.action ?? '');
        const { color, icon } = look(entry.action);
        const actor = entry.actor === 'system' ? t('timeline.system') : entry.actor;
        const said = entryDetail(entry);
        return {
          key: `${entry.at}-${entry.action}-${index}`,
          color,
          dot: icon,
          content: (
            <div data-action={entry.action}>
              <Typography.Text strong>{known ? t(`timeline.action.${entry.action}`) : entry.action}</Typography.Text>
              {entry.level && <Typography.Text type="secondary"> · {t('timeline.level', { level: entry.level })}</Typography.Text>}
              <br />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatDateTime(entry.at, language)}
                {actor ? ` · ${t('timeline.by', { actor })}` : ''}
              </Typography.Text>
              {said && 'key' in said && <Typography.Paragraph style={{ margin: 0 }}>{t('timeline.delegatedTo', { user: said.user })}</Typography.Paragraph>}
              {said && 'text' in said && <Typography.Paragraph style={{ margin: 0 }} italic>{said.text}</Typography.Paragraph>}
            </div>
          ),
        };
      }), ...(live ? [{ key: 'live', loading: true, content: t('page.live') }] : [])]}
    />
  );
}
