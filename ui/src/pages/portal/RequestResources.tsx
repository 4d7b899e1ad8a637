import { Button, Empty, List, Space, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';

import { formatDate } from '../../format/format';
import { currentLanguage } from '../../i18n';
import { leaseDaysLeft, leaseUrgency, RESOURCE_STATES, resourceStateColor } from './resourceActions';
import type { AnyResource } from './resourceModel';

/** A lease end with a warning when it is near or past. */
export function LeaseEnd({ at }: { at: string | null | undefined }) {
  const { t } = useTranslation('requests');
  const language = currentLanguage();
  const urgency = leaseUrgency(at);
  if (urgency === 'none') {
    return <>—</>;
  }
  const days = leaseDaysLeft(at) ?? 0;
  return (
    <Space size={0} orientation="vertical" data-lease={urgency}>
      <Typography.Text type={urgency === 'ended' ? 'danger' : urgency === 'soon' ? 'warning' : undefined}>
        {formatDate(at, language)}
      </Typography.Text>
      {urgency === 'ended' && <Tag color="red">{t('resources.leaseEnded')}</Tag>}
      {urgency === 'soon' && (
        <Tag color="orange">{days < 1 ? t('resources.leaseToday') : t('resources.leaseSoon', { count: days })}</Tag>
      )}
    </Space>
  );
}

export function useStateName(): (state: string | undefined) => string {
  const { t } = useTranslation('requests');
  return state => (state && RESOURCE_STATES.includes(state) ? t(`resources.stateName.${state}`) : state ?? '—');
}

/** A resource's state as a tag (the API value in data-state), its reason on hover. */
export function ResourceStateTag({ state, reason }: { state: string | undefined; reason?: string | null }) {
  const stateName = useStateName();
  const tag = (
    <Tag data-testid="resource-state" data-state={state} color={resourceStateColor(state)}>{stateName(state)}</Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}

/** The resources a request made, each linking to its row in My resources. */
export function RequestResources({ resources, kind }: { resources: AnyResource[]; kind: string }) {
  const { t } = useTranslation('requests');
  if (resources.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('resources.noneYet')} />;
  }
  return (
    <List
      size="small"
      dataSource={resources}
      data-testid="request-resources"
      footer={<Link to={`/resources?kind=${kind}`}><Button type="link" style={{ padding: 0 }}>{t('resources.seeAll')}</Button></Link>}
      renderItem={resource => {
        const vm = resource.kind === 'vm' ? resource : undefined;
        const name = vm ? vm.hostname ?? resource.id : 'name' in resource ? resource.name ?? resource.id : resource.id;
        return (
          <List.Item data-row-key={resource.id}>
            <Space orientation="vertical" size={0} style={{ width: '100%' }}>
              <Space wrap>
                <Link to={`/resources?kind=${kind}&project=${encodeURIComponent(resource.project ?? '')}&tenant=${encodeURIComponent(resource.tenant ?? '')}&highlight=${encodeURIComponent(resource.id)}`}>
                  {name}
                </Link>
                <ResourceStateTag state={resource.state} reason={resource.stateReason} />
              </Space>
              {vm && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[vm.ipAddress, vm.host].filter(Boolean).join(' · ')}
                </Typography.Text>
              )}
              {vm?.leaseExpiresAt && <LeaseEnd at={vm.leaseExpiresAt} />}
            </Space>
          </List.Item>
        );
      }}
    />
  );
}
