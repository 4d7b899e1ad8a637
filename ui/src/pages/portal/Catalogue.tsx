import type { ReactNode } from 'react';
import {
  AppstoreOutlined, ClusterOutlined, CloudServerOutlined, DashboardOutlined, DeleteOutlined, ExpandAltOutlined,
  FieldTimeOutlined, ThunderboltOutlined,
} from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';

import { useCatalogue } from './portalApi';
import { DAY2_TYPES, type CatalogueType } from './rules';

const ICONS: Record<CatalogueType, ReactNode> = {
  vm: <CloudServerOutlined />,
  'gpu-vm': <ThunderboltOutlined />,
  'k8s-nodes': <ClusterOutlined />,
  namespace: <AppstoreOutlined />,
  'quota-change': <DashboardOutlined />,
  'vm-resize': <ExpandAltOutlined />,
  'lease-renewal': <FieldTimeOutlined />,
  decommission: <DeleteOutlined />,
};

const SECTIONS: { key: 'newResources' | 'quota' | 'existing'; types: CatalogueType[] }[] = [
  { key: 'newResources', types: ['vm', 'gpu-vm', 'k8s-nodes', 'namespace'] },
  { key: 'quota', types: ['quota-change'] },
  { key: 'existing', types: [...DAY2_TYPES] },
];

/** The request catalogue (/requests/new): one card per request type, each opening its form. */
export default function Catalogue() {
  const { t } = useTranslation('portal');
  const { data: catalogue } = useCatalogue();
  const gpuHosts = catalogue?.gpus?.reduce((sum, offer) => sum + (offer.hosts ?? 0), 0);

  return (
    <div>
      <Typography.Title level={2}>{t('catalogue.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('catalogue.intro')}</Typography.Paragraph>
      {SECTIONS.map(section => (
        <section key={section.key} aria-labelledby={`catalogue-${section.key}`} style={{ marginBottom: 24 }}>
          <Typography.Title level={4} id={`catalogue-${section.key}`}>{t(`catalogue.${section.key}`)}</Typography.Title>
          {section.key === 'existing' && (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title={t('catalogue.existingIntro')}
              action={<Link to="/resources">{t('catalogue.toResources')}</Link>}
            />
          )}
          <Row gutter={[16, 16]}>
            {section.types.map(type => (
              <Col key={type} xs={24} sm={12} lg={8} xxl={6}>
                <TypeCard
                  type={type}
                  extra={type === 'gpu-vm' && gpuHosts !== undefined ? (gpuHosts > 0
                    ? <Tag color="green">{t('catalogue.gpusAvailable', { count: gpuHosts })}</Tag>
                    : <Tag color="orange">{t('catalogue.noGpus')}</Tag>) : undefined}
                />
              </Col>
            ))}
          </Row>
        </section>
      ))}
    </div>
  );
}

function TypeCard({ type, extra }: { type: CatalogueType; extra?: ReactNode }) {
  const { t } = useTranslation('portal');
  const navigate = useNavigate();
  const to = `/requests/new/${type}`;
  const title = t(`common:requestType.${type}`);
  return (
    <Card
      data-testid={`catalogue-${type}`}
      hoverable
      style={{ height: '100%', cursor: 'pointer' }}
      styles={{ body: { display: 'flex', flexDirection: 'column', height: '100%' } }}
      onClick={() => navigate(to)}
    >
      <Space align="start" size="middle" style={{ flex: 1 }}>
        <span aria-hidden style={{ fontSize: 28, color: '#1668dc' }}>{ICONS[type]}</span>
        <div>
          <Typography.Title level={5} style={{ marginTop: 0 }}>{title}</Typography.Title>
          <Typography.Paragraph style={{ marginBottom: 8 }}>{t(`catalogue.types.${type}.description`)}</Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            <Typography.Text strong type="secondary">{t('catalogue.needs')}: </Typography.Text>
            {t(`catalogue.types.${type}.needs`)}
          </Typography.Paragraph>
          {extra}
        </div>
      </Space>
      <div style={{ textAlign: 'right', marginTop: 8 }}>
        <Button
          type="primary"
          aria-label={t('catalogue.startType', { type: title })}
          onClick={event => { event.stopPropagation(); navigate(to); }}
        >
          {t('catalogue.start')}
        </Button>
      </div>
    </Card>
  );
}
