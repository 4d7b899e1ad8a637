import { useState, type ReactNode } from 'react';
import {
  Avatar, Badge, Button, Drawer, Dropdown, Grid, Layout, List, Menu, Popover, Select, Space, Tag, Typography,
} from 'antd';
import {
  AppstoreAddOutlined, AuditOutlined, BarChartOutlined, BellOutlined, CloudServerOutlined, ClusterOutlined, DatabaseOutlined,
  ExportOutlined, FileTextOutlined, FileSearchOutlined, GlobalOutlined, InboxOutlined, MenuOutlined, SettingOutlined, UnorderedListOutlined,
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
import { displayName, initials, isApprover, isOperator, isOverseer, useMe, useTenant, type Me } from './me';
import { NotFound } from './NotFound';
import { theme } from './theme';

const { Header, Sider, Content } = Layout;

/** The frame of every page: navigation by role, tenant switcher, language, notifications, who am I, logout. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  // a phone (< 576 px): the logo alone, icon-only controls
  const phone = !screens.sm;
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
        <Header data-testid="shell-header" style={{ background: '#fff', padding: phone ? '0 8px' : '0 16px',
          borderBottom: '1px solid #f0f0f0', display: 'flex', alignItems: 'center', gap: phone ? 4 : 12, minWidth: 0,
          overflow: 'hidden' }}>
          {narrow && <Button type="text" icon={<MenuOutlined />} aria-label={t('shell.menu')} onClick={() => setDrawer(true)} />}
          {narrow && <Brand compact logoOnly={phone} />}
          <div style={{ flex: 1, minWidth: 0 }} />
          <TenantSwitcher phone={phone} />
          <LanguageSwitcher phone={phone} />
          <NotificationBell phone={phone} />
          <UserMenu phone={phone} />
        </Header>
        <Content id="content" tabIndex={-1} style={{ padding: narrow ? 12 : 24, maxWidth: 1400, width: '100%', margin: '0 auto' }}>
          {children}
        </Content>
      </Layout>
    </Layout>
  );
}

/** The logo and the product's name (the logo alone on a phone: the name is its link's label). */
function Brand({ compact, logoOnly }: { compact?: boolean; logoOnly?: boolean }) {
  const { t } = useTranslation();
  return (
    <Link to="/" aria-label={logoOnly ? t('app.name') : undefined} data-testid="brand"
      style={{ display: 'flex', alignItems: 'center', gap: 8, padding: compact ? 0 : '16px 20px', color: 'inherit',
        flex: 'none', whiteSpace: 'nowrap' }}>
      <img src="/favicon.svg" alt="" width={24} height={24} />
      {!logoOnly && <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>{t('app.name')}</Typography.Text>}
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
    ...(isOverseer(me) ? [{
      type: 'group' as const, key: 'oversight', label: t('nav.oversight'), children: [
        { key: '/dashboards', icon: <BarChartOutlined />, label: <Link to="/dashboards" onClick={onNavigate} data-testid="nav-dashboards">{t('nav.dashboards')}</Link> },
        { key: '/audit', icon: <FileSearchOutlined />, label: <Link to="/audit" onClick={onNavigate} data-testid="nav-audit">{t('nav.audit')}</Link> },
      ],
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
  const selected = ['/requests/new', '/requests', '/resources', '/inbox', '/audit', '/dashboards', '/ops/hosts', '/ops/incidents', '/ops/findings',
    '/ops/tenants-config'].filter(key => location.pathname === key || location.pathname.startsWith(`${key}/`))
    .sort((a, b) => b.length - a.length).slice(0, 1);
  return <Menu mode="inline" items={items} selectedKeys={selected} style={{ borderInlineEnd: 0 }} aria-label={t('shell.menu')} />;
}

/** The tenant to work in, for people in several (on a phone a narrow select whose list is as wide as it needs). */
function TenantSwitcher({ phone }: { phone: boolean }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { tenant, setTenant } = useTenant();
  const tenants = me?.tenants ?? [];
  if (tenants.length < 2) {
    return null;
  }
  return (
    <Select aria-label={t('shell.tenant')} value={tenant ?? ''} onChange={value => setTenant(value || undefined)}
      data-testid="tenant-switcher" popupMatchSelectWidth={false}
      style={phone ? { width: 104, flex: 'none' } : { minWidth: 150, maxWidth: 240 }}
      options={[{ value: '', label: t('shell.allTenants') },
        ...tenants.map(item => ({ value: item.tenantId, label: item.name || item.tenantId }))]} />
  );
}

/** The language: a select, on a phone an icon opening the same choice. */
function LanguageSwitcher({ phone }: { phone: boolean }) {
  const { t, i18n } = useTranslation();
  const language = currentLanguage();
  const choose = (next: Language) => void i18n.changeLanguage(next);
  if (phone) {
    return (
      <Dropdown trigger={['click']} menu={{
        selectable: true, selectedKeys: [language], onClick: ({ key }) => choose(key as Language),
        items: languages.map(item => ({ key: item, label: t(`languages.${item}`) })),
      }}>
        <Button type="text" icon={<GlobalOutlined />} aria-label={t('shell.language')} data-testid="language-switcher" />
      </Dropdown>
    );
  }
  return (
    <Select aria-label={t('shell.language')} value={language} style={{ width: 110, flex: 'none' }} onChange={choose}
      data-testid="language-switcher"
      options={languages.map(item => ({ value: item, label: t(`languages.${item}`) }))} />
  );
}

function NotificationBell({ phone }: { phone: boolean }) {
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
    <List style={{ width: phone ? 'calc(100vw - 56px)' : 320, maxWidth: 320, maxHeight: 400, overflow: 'auto' }} dataSource={items} locale={{ emptyText: t('shell.noNotifications') }}
      renderItem={notice => (
        <List.Item actions={[<Button key="read" size="small" type="link" onClick={() => notice.id !== undefined && read.mutate(notice.id)}>{t('shell.markRead')}</Button>]}>
          <List.Item.Meta avatar={<FileTextOutlined />} title={notice.message}
            description={formatDateTime(notice.createdAt, currentLanguage())} />
        </List.Item>
      )} />
  );
  const [open, setOpen] = useState(false);
  const title = (
    <Space style={{ width: '100%', justifyContent: 'space-between' }}>
      {t('shell.notifications')}
      <Link to="/settings/notifications" onClick={() => setOpen(false)} data-testid="notification-settings-link">
        <SettingOutlined /> {t('shell.notificationSettings')}
      </Link>
    </Space>
  );
  return (
    <Popover content={content} title={title} trigger="click" placement="bottomRight" open={open} onOpenChange={setOpen}>
      <Badge count={notices.data?.total ?? 0} size="small" style={{ flex: 'none' }}>
        <Button type="text" icon={<BellOutlined />} aria-label={t('shell.notifications')} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}

/** Who is signed in (display name from /api/me; an avatar with initials only on a phone), their roles, logout. */
function UserMenu({ phone }: { phone: boolean }) {
  const { t } = useTranslation();
  const auth = useAuth();
  const { data: me } = useMe();
  const name = displayName(me) || auth.user?.profile.name || auth.user?.profile.preferred_username || '';
  const roles = userRoles(me);
  const letters = initials(name);
  const avatar = (
    <Avatar size="small" icon={letters ? undefined : <UserOutlined />} style={{ flex: 'none', backgroundColor: theme.token?.colorLink }}>
      {letters}
    </Avatar>
  );
  return (
    <Dropdown trigger={['click']} menu={{
      items: [
        { key: 'who', disabled: true, label: (
          <Space orientation="vertical" size={4} style={{ maxWidth: 280 }}>
            <Typography.Text strong>{name}</Typography.Text>
            {me?.username && me.username !== name && <Typography.Text type="secondary">{me.username}</Typography.Text>}
            {me?.email && <Typography.Text type="secondary">{me.email}</Typography.Text>}
            <Typography.Text type="secondary">{t('shell.roles')}</Typography.Text>
            <Space size={[4, 4]} wrap>{roles.map(role => <Tag key={role}>{role}</Tag>)}</Space>
          </Space>
        ) },
        { type: 'divider' },
        { key: 'settings', icon: <SettingOutlined />, label: <Link to="/settings/notifications" data-testid="user-menu-settings">{t('shell.notificationSettings')}</Link> },
        { key: 'logout', label: t('shell.logout'), onClick: () => void auth.signoutRedirect() },
      ],
    }}>
      <Button type="text" aria-label={name || t('shell.user')} data-testid="user-menu"
        style={{ flex: 'none', paddingInline: phone ? 4 : undefined, maxWidth: phone ? undefined : 220 }}>
        {phone ? avatar : (
          <Space size={8} style={{ minWidth: 0 }}>
            {avatar}
            <Typography.Text ellipsis style={{ maxWidth: 160 }}>{name}</Typography.Text>
          </Space>
        )}
      </Button>
    </Dropdown>
  );
}

/** The platform roles, then each tenant's ("acme: approver"), once each. */
export function userRoles(me: Me | undefined): string[] {
  return [...new Set([...(me?.roles ?? []),
    ...(me?.tenants ?? []).flatMap(tenant => tenant.roles.map(role => `${tenant.tenantId}: ${role}`))])];
}

/** Operator pages: others see "not found", as the API answers them. */
export function OperatorOnly({ children }: { children: ReactNode }) {
  const { data: me, isLoading } = useMe();
  if (isLoading) {
    return null;
  }
  return isOperator(me) ? <>{children}</> : <NotFound />;
}
