import { useState, type ReactNode } from 'react';
import {
  Avatar, Badge, Button, Drawer, Dropdown, Grid, Layout, List, Menu, Popover, Select, Space, Tag, Typography,
} from 'antd';
import {
  AppstoreAddOutlined, AuditOutlined, BellOutlined, CloudServerOutlined, ClusterOutlined, DatabaseOutlined,
  ExportOutlined, FileTextOutlined, InboxOutlined, MenuOutlined, SettingOutlined, UnorderedListOutlined,
  UserOutlined, WarningOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAuth } from 'react-oidc-context';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router-dom';

import { api } from '../api/client';
import { unwrap } from '../api/problems';
import { languages, type Language } from '../i18n/catalogues';
import { currentLanguage } from '../i18n';
import { formatDateTime } from '../format/format';
import { isApprover, isOperator, useMe, useTenant } from './me';
import { NotFound } from './NotFound';

const { Header, Sider, Content } = Layout;

/** The frame of every page: navigation by role, tenant switcher, language, notifications, who am I, logout. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [drawer, setDrawer] = useState(false);
  const navigation = <Navigation onNavigate={() => setDrawer(false)} />;

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a href="#content" className="skip-link">{t('shell.skipToContent')}</a>
      {!narrow && (
        <Sider width={232} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
          <Brand />
          {navigation}
        </Sider>
      )}
      {narrow && (
        <Drawer open={drawer} onClose={() => setDrawer(false)} placement="left" width={260} title={<Brand />}
          styles={{ body: { padding: 0 } }}>
          {navigation}
        </Drawer>
      )}
      <Layout>
        <Header style={{ background: '#fff', padding: '0 16px', borderBottom: '1px solid #f0f0f0', display: 'flex',
          alignItems: 'center', gap: 12 }}>
          {narrow && <Button type="text" icon={<MenuOutlined />} aria-label={t('shell.menu')} onClick={() => setDrawer(true)} />}
          {narrow && <Brand compact />}
          <div style={{ flex: 1 }} />
          <TenantSwitcher />
          <LanguageSwitcher />
          <NotificationBell />
          <UserMenu />
        </Header>
        <Content id="content" tabIndex={-1} style={{ padding: narrow ? 12 : 24, maxWidth: 1400, width: '100%', margin: '0 auto' }}>
          {children}
        </Content>
      </Layout>
    </Layout>
  );
}

function Brand({ compact }: { compact?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, padding: compact ? 0 : '16px 20px', color: 'inherit' }}>
      <img src="/favicon.svg" alt="" width={24} height={24} />
      <Typography.Text strong style={{ fontSize: 16 }}>{t('app.name')}</Typography.Text>
    </Link>
  );
}

function Navigation({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  const location = useLocation();
  const { data: me } = useMe();
  const items = [
    {
      type: 'group' as const, key: 'portal', label: t('nav.portal'), children: [
        { key: '/requests/new', icon: <AppstoreAddOutlined />, label: <Link to="/requests/new" onClick={onNavigate}>{t('nav.catalogue')}</Link> },
        { key: '/requests', icon: <UnorderedListOutlined />, label: <Link to="/requests" onClick={onNavigate}>{t('nav.myRequests')}</Link> },
        { key: '/resources', icon: <CloudServerOutlined />, label: <Link to="/resources" onClick={onNavigate}>{t('nav.myResources')}</Link> },
      ],
    },
    ...(isApprover(me) ? [{
      key: '/inbox', icon: <InboxOutlined />, label: <Link to="/inbox" onClick={onNavigate}>{t('nav.inbox')}</Link>,
    }] : []),
    ...(isOperator(me) ? [{
      type: 'group' as const, key: 'ops', label: t('nav.operations'), children: [
        { key: '/ops/hosts', icon: <DatabaseOutlined />, label: <Link to="/ops/hosts" onClick={onNavigate}>{t('nav.hosts')}</Link> },
        { key: '/ops/incidents', icon: <WarningOutlined />, label: <Link to="/ops/incidents" onClick={onNavigate}>{t('nav.incidents')}</Link> },
        { key: '/ops/findings', icon: <ClusterOutlined />, label: <Link to="/ops/findings" onClick={onNavigate}>{t('nav.findings')}</Link> },
        { key: '/ops/tenants-config', icon: <SettingOutlined />, label: <Link to="/ops/tenants-config" onClick={onNavigate}>{t('nav.tenantsConfig')}</Link> },
        { key: 'cockpit', icon: <AuditOutlined />, label: <a href="/camunda/app/cockpit/" target="_blank" rel="noreferrer">{t('nav.cockpit')} <ExportOutlined /></a> },
      ],
    }] : []),
  ];
  const selected = ['/requests/new', '/requests', '/resources', '/inbox', '/ops/hosts', '/ops/incidents', '/ops/findings',
    '/ops/tenants-config'].filter(key => location.pathname === key || location.pathname.startsWith(`${key}/`))
    .sort((a, b) => b.length - a.length).slice(0, 1);
  return <Menu mode="inline" items={items} selectedKeys={selected} style={{ borderInlineEnd: 0 }} aria-label={t('shell.menu')} />;
}

function TenantSwitcher() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { tenant, setTenant } = useTenant();
  if (!me || me.tenants.length < 2) {
    return null;
  }
  return (
    <Select aria-label={t('shell.tenant')} value={tenant ?? ''} style={{ minWidth: 150 }} onChange={value => setTenant(value || undefined)}
      options={[{ value: '', label: t('shell.allTenants') },
        ...me.tenants.map(item => ({ value: item.tenantId, label: item.name ?? item.tenantId }))]} />
  );
}

function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  return (
    <Select aria-label={t('shell.language')} value={currentLanguage()} style={{ width: 110 }}
      onChange={(language: Language) => void i18n.changeLanguage(language)}
      options={languages.map(language => ({ value: language, label: t(`languages.${language}`) }))} />
  );
}

function NotificationBell() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const notices = useQuery({
    queryKey: ['notifications', 'unread'],
    refetchInterval: 60_000,
    queryFn: async () => unwrap(await api.GET('/api/notifications', { params: { query: { unread: true, size: 20 } } })),
  });
  const read = useMutation({
    mutationFn: async (id: number) => unwrap(await api.POST('/api/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: () => client.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const items = notices.data?.items ?? [];
  const content = (
    <List style={{ width: 320, maxHeight: 400, overflow: 'auto' }} dataSource={items} locale={{ emptyText: t('shell.noNotifications') }}
      renderItem={notice => (
        <List.Item actions={[<Button key="read" size="small" type="link" onClick={() => notice.id !== undefined && read.mutate(notice.id)}>{t('shell.markRead')}</Button>]}>
          <List.Item.Meta avatar={<FileTextOutlined />} title={notice.message}
            description={formatDateTime(notice.createdAt, currentLanguage())} />
        </List.Item>
      )} />
  );
  return (
    <Popover content={content} title={t('shell.notifications')} trigger="click" placement="bottomRight">
      <Badge count={notices.data?.total ?? 0} size="small">
        <Button type="text" icon={<BellOutlined />} aria-label={t('shell.notifications')} />
      </Badge>
    </Popover>
  );
}

function UserMenu() {
  const { t } = useTranslation();
  const auth = useAuth();
  const { data: me } = useMe();
  const name = me?.displayName || me?.username || auth.user?.profile.preferred_username || '';
  const roles = [...new Set([...(me?.roles ?? []), ...(me?.tenants.flatMap(tenant => tenant.roles.map(role => `${tenant.tenantId}: ${role}`)) ?? [])])];
  return (
    <Dropdown trigger={['click']} menu={{
      items: [
        { key: 'who', disabled: true, label: (
          <Space direction="vertical" size={4} style={{ maxWidth: 280 }}>
            <Typography.Text strong>{name}</Typography.Text>
            <Typography.Text type="secondary">{t('shell.roles')}</Typography.Text>
            <Space size={[4, 4]} wrap>{roles.map(role => <Tag key={role}>{role}</Tag>)}</Space>
          </Space>
        ) },
        { type: 'divider' },
        { key: 'logout', label: t('shell.logout'), onClick: () => void auth.signoutRedirect() },
      ],
    }}>
      <Button type="text" aria-label={name} data-testid="user-menu">
        <Space><Avatar size="small" icon={<UserOutlined />} />{name}</Space>
      </Button>
    </Dropdown>
  );
}

/** Operator pages: others see "not found", as the API answers them. */
export function OperatorOnly({ children }: { children: ReactNode }) {
  const { data: me, isLoading } = useMe();
  if (isLoading) {
    return null;
  }
  return isOperator(me) ? <>{children}</> : <NotFound />;
}
